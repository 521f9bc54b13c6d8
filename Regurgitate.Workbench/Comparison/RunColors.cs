namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// A run's colour, the same in every chart and table: picked from Paul Tol's colour-blind-safe "muted" scheme by the
/// run id, so it does not depend on which other runs are selected or in what order.
/// </summary>
public static class RunColors
{
    /// <summary>
    /// Paul Tol's muted qualitative scheme without its pale grey (distinct for the common colour-vision deficiencies),
    /// ordered so that neighbouring run ids (seeds of one condition, usually) get contrasting colours.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#332288", "#DDCC77", "#117733", "#CC6677", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"];

    public static string ForRun(int runId) => Palette[(int)((uint)runId % (uint)Palette.Count)];

    /// <summary>
    /// The colour of the <paramref name="index"/>-th group of a chart (groups in their display order). Indexing rather
    /// than hashing the group's value keeps up to nine groups distinct in one chart; a hash let "real" and "mixed" collide.
    /// </summary>
    public static string ForGroup(int index) => Palette[(int)((uint)index % (uint)Palette.Count)];
}
