namespace Regurgitate.Engine.Analysis;

/// <summary>The result of <see cref="DatasetReport.Build"/>: one <see cref="SideReport"/> per side (reference first) and how they were sampled.</summary>
public sealed record DatasetReportResult
{
    public required IReadOnlyList<SideReport> Sides { get; init; }

    /// <summary>True when all sides (and the sources) were aligned line by line and share one sample of pair indices.</summary>
    public required bool Aligned { get; init; }

    public required int SampleSize { get; init; }
    public required int Seed { get; init; }

    /// <summary>The common token budget of the budget statistics (null when not matched).</summary>
    public long? TokenBudget { get; init; }

    public required DatasetReportOptions Options { get; init; }

    /// <summary>Input indices of the sampled pairs for aligned sides (ascending); null when unaligned.</summary>
    public IReadOnlyList<int>? SampleIndices { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
