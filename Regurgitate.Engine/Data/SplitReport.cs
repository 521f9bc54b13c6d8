namespace Regurgitate.Engine.Data;

/// <summary>How a <see cref="DataSplits"/> came about: what was available, what was dropped and why, in words for the UI.</summary>
public sealed record SplitReport
{
    public required SplitRequest Request { get; init; }

    public SplitMethod Method { get; init; }

    /// <summary>Documents each split draws on, for a corpus split by <see cref="SplitMethod.Documents"/>; null otherwise.</summary>
    public int? TrainDocuments { get; init; }
    public int? DevDocuments { get; init; }
    public int? TestDocuments { get; init; }

    /// <summary>Dev and train candidates dropped because their English target is also a test (or dev) target (corpora that deduplicate targets).</summary>
    public int TargetOverlapsDropped { get; init; }

    /// <summary>Pairs read and accepted per split, before the leakage guard (for a pool, each is the pool size).</summary>
    public int TrainAvailable { get; init; }
    public int DevAvailable { get; init; }
    public int TestAvailable { get; init; }

    /// <summary>Dev candidates dropped because their German source is also a test source.</summary>
    public int DevDroppedOverlappingTest { get; init; }

    /// <summary>Training candidates dropped because their German source is also a dev or test source (leakage guard).</summary>
    public int TrainDroppedLeakage { get; init; }

    /// <summary>What the readers reported (skipped empty lines, length-ratio outliers), per file set read.</summary>
    public required IReadOnlyDictionary<string, CorpusReadReport> Reads { get; init; }

    /// <summary>Clamped sizes and other decisions a user should see.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
