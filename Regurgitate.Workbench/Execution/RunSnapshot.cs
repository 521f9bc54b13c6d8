using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>Everything the run page shows about a run apart from its curves, at one moment.</summary>
public sealed record RunSnapshot
{
    public required int RunId { get; init; }
    public RunStatus Status { get; init; }
    public string? Message { get; init; }
    public string? Device { get; init; }
    public long? ParameterCount { get; init; }

    /// <summary>libtorch intra-op threads the run trains with (see <see cref="Run.Threads"/>).</summary>
    public int? Threads { get; init; }

    /// <summary>The training budget the run planned before its first step (see <see cref="Engine.Experiments.Events.TrainingPlanned"/>).</summary>
    public TrainingPlanned? Budget { get; init; }

    /// <summary>The steps the run planned from its budget; null until it has (<see cref="MaxSteps"/> is the cap until then).</summary>
    public int? PlannedSteps => Budget?.Steps;
    public string? PhaseMessage { get; init; }
    public double? PhaseFraction { get; init; }
    public int Step { get; init; }
    public int MaxSteps { get; init; }
    public double? TokensPerSecond { get; init; }
    public TimeSpan? Eta { get; init; }
    public IReadOnlyList<TranslationSample> Samples { get; init; } = [];
    public EvaluationSplit? SamplesSplit { get; init; }
    public int? SamplesStep { get; init; }
    public double? TestBleu { get; init; }
    public string? TestBleuSignature { get; init; }
    public double? TestChrF { get; init; }
    public string? TestChrFSignature { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinished => Status is RunStatus.Completed or RunStatus.Cancelled or RunStatus.Failed or RunStatus.Interrupted;
}
