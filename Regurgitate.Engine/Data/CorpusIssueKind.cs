namespace Regurgitate.Engine.Data;

public enum CorpusIssueKind
{
    EmptyLine,
    LengthRatioOutlier,
}
