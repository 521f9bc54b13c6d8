namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Why an experiment with unfinished runs waits, and when its grid should be done.
/// <paramref name="Position"/> is the queue place of its next run to start (1 starts next; null when none is queued);
/// <paramref name="Ahead"/> the other experiments' runs running now or starting before it. <paramref name="Remaining"/>
/// is the time until its last run ends (the steps of its runs and of every run starting before its last, at the
/// measured <paramref name="Rate"/>, shared over the run slots), null without a measured rate; it is a lower bound while
/// <paramref name="RunsNotPlanned"/> runs have not planned their steps and no run of the same size has either.
/// <paramref name="ExpectedAt"/> is now plus <paramref name="Remaining"/>.
/// </summary>
public sealed record ExperimentQueueStatus(
    int? Position,
    IReadOnlyList<RunAhead> Ahead,
    int RunsRunning,
    int RunsQueued,
    StepRate? Rate,
    TimeSpan? Remaining,
    DateTimeOffset? ExpectedAt,
    int RunsNotPlanned);
