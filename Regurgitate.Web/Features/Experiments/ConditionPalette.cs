using Plotly.Blazor.Traces.ScatterLib.MarkerLib;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The look of each data condition (<see cref="ConditionStyles"/>, shared with tables and exported figures) in
/// Plotly.Blazor's terms: colours, marker symbols, dash patterns and the x positions of slightly offset lines.
/// </summary>
public static class ConditionPalette
{
    public const string RealCondition = ConditionStyles.RealCondition;

    /// <summary>The reference line: black in light mode, light grey in dark mode.</summary>
    public static string RealColor(bool dark) => ConditionStyles.RealColor(dark);

    /// <summary>Colour of a condition, given every condition of the experiment in grid order.</summary>
    public static string ColorOf(string condition, IReadOnlyList<string> order, bool dark = false) => ConditionStyles.ColorOf(condition, order, dark);

    public static string SymbolOf(string condition, IReadOnlyList<string> order) => ConditionStyles.SymbolOf(condition, order);

    /// <summary>The marker of <see cref="SymbolOf"/> for Plotly.Blazor's scatter traces.</summary>
    public static SymbolEnum PlotlySymbolOf(string condition, IReadOnlyList<string> order) => SymbolOf(condition, order) switch
    {
        "square" => SymbolEnum.Square,
        "diamond" => SymbolEnum.Diamond,
        "triangle-up" => SymbolEnum.TriangleUp,
        "triangle-down" => SymbolEnum.TriangleDown,
        _ => SymbolEnum.Circle,
    };

    /// <summary>The condition's dash pattern as Plotly's dash-length list in pixels ("solid" for none), for a line <paramref name="width"/> px wide.</summary>
    public static string PlotlyDashOf(string condition, IReadOnlyList<string> order, double width)
    {
        var dash = ConditionStyles.DashOf(condition, order);
        return dash.Count == 0 ? "solid" : string.Join(",", dash.Select(d => FormattableString.Invariant($"{d * width:0.#}px")));
    }

    /// <summary>
    /// The x values a condition's markers are drawn at: shifted by <paramref name="offset"/> (a fraction of the axis
    /// width, <see cref="ConditionStyles.OffsetOf"/>) of the span of <paramref name="allX"/>, in decades on a log axis.
    /// </summary>
    public static IReadOnlyList<double> OffsetX(IReadOnlyList<double> xs, IReadOnlyList<double> allX, double offset, bool logX)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(allX);
        if (offset == 0 || allX.Count == 0)
        {
            return xs;
        }

        if (logX)
        {
            var decades = Math.Log10(allX.Max() / allX.Min());
            var factor = Math.Pow(10, offset * (decades > 0 ? decades : 1));
            return [.. xs.Select(x => x * factor)];
        }

        var span = allX.Max() - allX.Min();
        var shift = offset * (span > 0 ? span : Math.Max(Math.Abs(allX.Max()), 1));
        return [.. xs.Select(x => x + shift)];
    }

    /// <summary>Same colour with an alpha, for bands.</summary>
    public static string Translucent(string hexColor, double alpha)
    {
        ArgumentNullException.ThrowIfNull(hexColor);
        var hex = hexColor.TrimStart('#');
        var r = Convert.ToInt32(hex[..2], 16);
        var g = Convert.ToInt32(hex[2..4], 16);
        var b = Convert.ToInt32(hex[4..6], 16);
        return FormattableString.Invariant($"rgba({r},{g},{b},{alpha:0.##})");
    }
}
