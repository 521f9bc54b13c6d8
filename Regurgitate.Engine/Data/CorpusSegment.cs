namespace Regurgitate.Engine.Data;

/// <summary>A pair as the splitter sees it: with its document id and second reference when the corpus has them.</summary>
internal sealed record CorpusSegment(SentencePair Pair, string? Document, string? SecondReference);
