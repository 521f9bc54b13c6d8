using Regurgitate.Workbench.Colors;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// A run's colour, the same in every chart and table: picked from Paul Tol's colour-blind-safe "muted" scheme by the
/// run id, so it does not depend on which other runs are selected or in what order.
/// </summary>
public static class RunColors
{
    /// <summary>Paul Tol's muted scheme, <see cref="ColorPalettes.TolMuted"/>.</summary>
    public static IReadOnlyList<string> Palette => ColorPalettes.TolMuted;

    public static string ForRun(int runId) => Palette[(int)((uint)runId % (uint)Palette.Count)];

    /// <summary>
    /// The colour of the <paramref name="index"/>-th group of a chart (groups in their display order). Indexing rather
    /// than hashing the group's value keeps up to nine groups distinct in one chart; a hash let "real" and "mixed" collide.
    /// </summary>
    public static string ForGroup(int index) => Palette[(int)((uint)index % (uint)Palette.Count)];
}
