using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Colors;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// How each data condition of an experiment looks, the same on every chart, table swatch and exported figure: a colour,
/// a marker, a dash pattern and a slight sideways offset, all fixed by the condition's place in the spec's grid order
/// (not by the order its first run finishes), so nothing moves while an experiment fills in.
/// <list type="bullet">
/// <item>"real" is the dark reference line (light grey on a dark page), round markers, solid; the synthetic conditions
/// take <see cref="ColorPalettes.Conditions"/> (Okabe–Ito, then further distinct hues).</item>
/// <item>Markers and dashes follow the condition's slot (real 0, the i-th synthetic condition i + 1) through the paper
/// figures' five marker shapes and eight dash patterns (<see cref="FigureColors"/>), so two conditions with equal
/// values still differ in shape and line, on screen and on paper.</item>
/// <item>Conditions drawn together are spread <see cref="OffsetFraction"/> of the plot's width apart, centred on the
/// true x: equal values would otherwise hide each other's markers. Hover text and exported data keep the true x.</item>
/// </list>
/// </summary>
public static class ConditionStyles
{
    public const string RealCondition = ExperimentGrid.RealCondition;

    /// <summary>Horizontal distance between neighbouring conditions' lines, as a fraction of the plot's width.</summary>
    public const double OffsetFraction = 0.012;

    /// <summary>The marker shapes, by slot modulo their count, as Plotly names them (the paper figures draw the same shapes).</summary>
    public static readonly IReadOnlyList<string> Symbols = ["circle", "square", "triangle-up", "diamond", "triangle-down"];

    private static IReadOnlyList<string> Colors => ColorPalettes.Conditions;

    /// <summary>The reference line: near-black on a light page, light grey on a dark one.</summary>
    public static string RealColor(bool dark = false) => ColorPalettes.Reference(dark);

    /// <summary>Colour of a condition, given every condition of the experiment in grid order.</summary>
    public static string ColorOf(string condition, IReadOnlyList<string> order, bool dark = false) =>
        condition == RealCondition ? RealColor(dark) : Colors[(SlotOf(condition, order) - 1) % Colors.Count];

    /// <summary>0 for real data, i + 1 for the i-th synthetic condition of the grid order; picks marker and dash.</summary>
    public static int SlotOf(string condition, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(order);
        if (condition == RealCondition)
        {
            return 0;
        }

        var synthetic = order.Where(c => c != RealCondition).Distinct().ToList();
        var index = synthetic.IndexOf(condition);
        if (index >= 0)
        {
            return index + 1;
        }

        // A condition missing from the order (a spec edited by hand) still gets a stable slot from its name, so a
        // refresh never swaps styles.
        var hash = 17;
        foreach (var ch in condition)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return synthetic.Count + 1 + (int)((uint)hash % (uint)Colors.Count);
    }

    public static string SymbolOf(string condition, IReadOnlyList<string> order) => Symbols[SlotOf(condition, order) % Symbols.Count];

    /// <summary>The dash pattern in multiples of the line width (empty: solid), the paper figures' pattern of the slot.</summary>
    public static IReadOnlyList<double> DashOf(string condition, IReadOnlyList<string> order) => FigureColors.Dash(SlotOf(condition, order), 1, dashes: true);

    /// <summary>
    /// Where a condition's line sits among the <paramref name="drawn"/> ones, in multiples of <see cref="OffsetFraction"/>:
    /// centred, so with three conditions −1, 0 and +1. Ordered by slot, so the order does not depend on which finished first.
    /// </summary>
    public static double OffsetOf(string condition, IReadOnlyList<string> drawn, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var ranked = drawn.Distinct().OrderBy(c => SlotOf(c, order)).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var rank = ranked.IndexOf(condition);
        return rank < 0 ? 0 : (rank - ((ranked.Count - 1) / 2.0)) * OffsetFraction;
    }
}
