using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// The mechanisms of one experiment at one size, measured on the data each run trained on: one point per completed
/// grid run, and per metric the fit of test BLEU on it over the runs with synthetic data (real-data runs are shown but
/// left out: their error rate is 0 by construction).
/// </summary>
public sealed record MechanismsResult
{
    public required TrainingSetSelection Selection { get; init; }

    /// <summary>One per selected run whose training pairs were recorded, in the selection's order.</summary>
    public required IReadOnlyList<MechanismsPoint> Points { get; init; }

    /// <summary>Selected runs that trained before training sets were recorded (no <c>training-pairs.jsonl.gz</c>).</summary>
    public required IReadOnlyList<ExperimentRunRow> Unrecorded { get; init; }

    /// <summary>The rarefaction budget: the smallest token count of the measured training sets.</summary>
    public required int TokenBudget { get; init; }

    public required double ChrFThreshold { get; init; }

    /// <summary>One fit per <see cref="MechanismMetric"/>, in enum order.</summary>
    public required IReadOnlyList<MechanismFit> Fits { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Runs in the fits: those that trained on some synthetic data.</summary>
    public int FitRuns => Points.Count(p => !p.IsReal);
}
