using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

/// <summary>How a candidate's files are read when it is measured.</summary>
internal enum CandidateLayout
{
    /// <summary>Files come in aligned (German, English) pairs.</summary>
    PlainPairs,

    /// <summary>A German source file and a system's English output, aligned; an empty output line is a failed translation.</summary>
    SystemOutput,

    /// <summary>One <c>targets.jsonl</c> synthetic target set.</summary>
    TargetSet,
}

/// <summary>A dataset found on disk or in a catalog, before its files are measured. <see cref="Files"/> are relative to <see cref="Root"/>.</summary>
internal sealed record DatasetCandidate(
    string Id,
    DatasetKind Kind,
    string Name,
    string? Description,
    string? Origin,
    string? Licence,
    string? CorpusId,
    string Root,
    IReadOnlyList<string> Files,
    CandidateLayout Layout,
    string? GeneratorJson = null);
