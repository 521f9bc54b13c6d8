namespace Regurgitate.Workbench.Figures;

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

    /// <summary>Name of the band in the caption, e.g. "±1 sd"; null when there is no band.</summary>
    public string? BandLabel { get; init; }

    /// <summary>Per-point values only the CSV carries, after x, y and the band; not drawn.</summary>
    public IReadOnlyList<FigureColumn> Columns { get; init; } = [];

    /// <summary>Number of points drawn (the shorter of X and Y).</summary>
    public int Count => Math.Min(X.Count, Y.Count);

    public bool HasBand => Lower is not null && Upper is not null;
}
