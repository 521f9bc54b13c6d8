using Plotly.Blazor.Traces.ScatterLib.MarkerLib;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Colours and marker symbols per data condition that stay put while an experiment fills in: conditions are numbered
/// in the spec's grid order (not in the order their first run finishes), "real" is always the dark reference line,
/// and the synthetic conditions take the Okabe–Ito colour-blind-safe palette.
/// </summary>
public static class ConditionPalette
{
    public const string RealCondition = Regurgitate.Engine.Experiments.Design.ExperimentGrid.RealCondition;

    private static readonly string[] Colors = ["#E69F00", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D31", "#999933", "#882255", "#44AA99"];

    private static readonly string[] Symbols = ["square", "diamond", "triangle-up", "x", "cross", "triangle-down", "star", "pentagon", "hexagon", "circle-open"];

    /// <summary>The reference line: black in light mode, light grey in dark mode.</summary>
    public static string RealColor(bool dark) => dark ? "#e0e0e0" : "#222222";

    /// <summary>Colour of a condition, given every condition of the experiment in grid order.</summary>
    public static string ColorOf(string condition, IReadOnlyList<string> order, bool dark = false) =>
        condition == RealCondition ? RealColor(dark) : Colors[IndexOf(condition, order) % Colors.Length];

    public static string SymbolOf(string condition, IReadOnlyList<string> order) =>
        condition == RealCondition ? "circle" : Symbols[IndexOf(condition, order) % Symbols.Length];

    /// <summary>The marker of <see cref="SymbolOf"/> for Plotly.Blazor's scatter traces.</summary>
    public static SymbolEnum PlotlySymbolOf(string condition, IReadOnlyList<string> order) => SymbolOf(condition, order) switch
    {
        "square" => SymbolEnum.Square,
        "diamond" => SymbolEnum.Diamond,
        "triangle-up" => SymbolEnum.TriangleUp,
        "triangle-down" => SymbolEnum.TriangleDown,
        "x" => SymbolEnum.X,
        "cross" => SymbolEnum.Cross,
        "star" => SymbolEnum.Star,
        "pentagon" => SymbolEnum.Pentagon,
        "hexagon" => SymbolEnum.Hexagon,
        "circle-open" => SymbolEnum.CircleOpen,
        _ => SymbolEnum.Circle,
    };

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

    // Synthetic conditions are numbered without "real"; one missing from the order (a spec edited by hand) still gets a
    // stable slot from its name, so a refresh never swaps colours.
    private static int IndexOf(string condition, IReadOnlyList<string> order)
    {
        var synthetic = order.Where(c => c != RealCondition).ToList();
        var index = synthetic.IndexOf(condition);
        if (index >= 0)
        {
            return index;
        }

        var hash = 17;
        foreach (var ch in condition)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return synthetic.Count + (int)((uint)hash % (uint)Colors.Length);
    }
}
