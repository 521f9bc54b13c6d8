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

    /// <summary>A group's colour, stable for its value (FNV-1a of the text, so no per-process string hash).</summary>
    public static string ForGroup(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[(int)(hash % (uint)Palette.Count)];
    }
}
