namespace Regurgitate.Workbench.Execution;

/// <summary>
/// The curves of a live run as a page first draws them. The coordinator keeps in memory only what the current attempt
/// recorded, and a resumed attempt starts at its checkpoint's step; the earlier attempts' points up to that step are
/// in the database. So a live run's history is the stored points before its first live step, then the live history
/// (which also holds the attempt's points not yet written to the database).
/// </summary>
public static class RunHistory
{
    public static IReadOnlyList<MetricSample> Merge(IReadOnlyList<MetricSample> stored, IReadOnlyList<MetricSample> live)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(live);
        if (live.Count == 0)
        {
            // Queued to resume, or not yet past its first step: everything stored is the run's history so far.
            return stored;
        }

        var firstLiveStep = live.Min(p => p.Step);
        return [.. stored.Where(p => p.Step < firstLiveStep), .. live];
    }
}
