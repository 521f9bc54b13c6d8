using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Archives;

/// <summary>One run's database row in the manifest; its files are under <c>runs/&lt;Index&gt;/</c>.</summary>
public sealed record ArchiveRun
{
    public required int Index { get; init; }
    public required int OriginalId { get; init; }
    public required string ConfigJson { get; init; }
    public required string CorpusId { get; init; }
    public RunRole Role { get; init; }
    public string? Condition { get; init; }
    public int TrainSize { get; init; }
    public int Seed { get; init; }
    public double RealFraction { get; init; }
    public int Priority { get; init; }
    public int Attempt { get; init; }
    public string? Tags { get; init; }
    public int MaxSteps { get; init; }
    public int LastStep { get; init; }
    public RunStatus Status { get; init; }
    public string? Message { get; init; }
    public string? PhaseMessage { get; init; }
    public string? Device { get; init; }
    public long? ParameterCount { get; init; }

    // libtorch threads the run trained with (null in archives written before runs recorded it).
    public int? Threads { get; init; }

    // The training budget the run planned (null in archives written before runs recorded one); its steps are MaxSteps.
    public int? TrainingPairs { get; init; }
    public int? PairsDropped { get; init; }
    public long? TargetTokens { get; init; }
    public long? SourceTokens { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public double? TestBleu { get; init; }
    public string? TestBleuSignature { get; init; }
    public double? TestChrF { get; init; }
    public string? TestChrFSignature { get; init; }
    public string? LatestSamplesJson { get; init; }
    public int MetricPoints { get; init; }
}
