namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// One English text labelled human or machine. <paramref name="SourceKey"/> groups the human and machine translations of
/// one German source, so that a train/test split can keep every translation of a source on the same side (otherwise the
/// held-out score would reward memorising sources rather than recognising machine English).
/// </summary>
public sealed record DetectorExample(string SourceKey, string Text, bool IsHuman);
