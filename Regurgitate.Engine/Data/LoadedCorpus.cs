namespace Regurgitate.Engine.Data;

/// <summary>All accepted pairs of a corpus read into memory, with what the reader reported about them.</summary>
public sealed record LoadedCorpus(IReadOnlyList<SentencePair> Pairs, CorpusReadReport Report);
