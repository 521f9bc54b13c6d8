

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// One curve of a paper figure: points (NaN or, on a log axis, non-positive values break the line), an optional shaded
/// band between <see cref="Lower"/> and <see cref="Upper"/>, and <see cref="Faint"/> for raw data drawn thin and pale
/// behind its smoothed curve. A faint series shares the colour and dash of the non-faint series of the same name, and
/// stays out of the legend.
/// </summary>
public sealed record FigureSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    public IReadOnlyList<double>? Lower { get; init; }

    public IReadOnlyList<double>? Upper { get; init; }

    public bool Faint { get; init; }

    /// <summary>
    /// Draw <see cref="Lower"/>–<see cref="Upper"/> as a capped whisker at each point instead of a shaded band: for
    /// a few discrete x values (generations), where a band between them would suggest values that do not exist.
    /// </summary>
    public bool ErrorBars { get; init; }

    /// <summary>Name of the band in the caption, e.g. "±1 sd"; null when there is no band.</summary>
    public string? BandLabel { get; init; }

    /// <summary>
    /// The colour, dash and marker slot; null takes the series' ordinal among the non-faint series. Set it to keep a
    /// series' look when others are added or left out (an experiment's conditions, <c>ConditionStyles</c>).
    /// </summary>
    public int? Slot { get; init; }

    /// <summary>
    /// The series' own colour (a condition's colour on screen), used with the default Okabe–Ito palette that the screen
    /// shares; a palette chosen on purpose (Tol bright, greyscale for print) colours by <see cref="Slot"/> instead.
    /// </summary>
    public string? Color { get; init; }

    /// <summary>Draw a marker at every point even when the style draws none (few points, where markers tell lines apart).</summary>
    public bool Markers { get; init; }

    /// <summary>
    /// Draw the line, band and markers this fraction of the plot's width to the right (negative: left), so that
    /// series with equal values do not hide each other; the data (and the CSV) keep the true x.
    /// </summary>
    public double XShift { get; init; }

    /// <summary>Per-point values only the CSV carries, after x, y and the band; not drawn.</summary>
    public IReadOnlyList<FigureColumn> Columns { get; init; } = [];

    /// <summary>Number of points drawn (the shorter of X and Y).</summary>
    public int Count => Math.Min(X.Count, Y.Count);

    public bool HasBand => Lower is not null && Upper is not null;
}
