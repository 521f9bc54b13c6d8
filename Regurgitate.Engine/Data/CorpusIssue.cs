namespace Regurgitate.Engine.Data;

/// <summary>One pair that failed a content check but was skipped or kept according to the <see cref="LinePolicy"/>.</summary>
public sealed record CorpusIssue(CorpusIssueKind Kind, string FilePath, long LineNumber, string Detail);
