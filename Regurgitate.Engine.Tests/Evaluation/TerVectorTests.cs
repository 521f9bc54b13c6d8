using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class TerVectorTests
{
    public static IEnumerable<object[]> CaseIds => MetricVectorCase.Ids;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Corpus_and_sentence_ter_match_sacrebleu(string id)
    {
        var c = MetricVectorCase.Get(id);
        var metric = new TerMetric();

        var corpus = metric.CorpusScore(c.Hyps, c.RefStreams);

        VectorAssert.Close(c.Ter, corpus.Score, "ter");
        VectorAssert.Close(c.TerDetail.NumEdits, corpus.NumEdits, "num_edits");
        VectorAssert.Close(c.TerDetail.RefLength, corpus.RefLength, "ref_length");
        VectorAssert.SignatureMatches(c.TerSignature, corpus.Signature);
        Assert.Equal(c.Hyps.Count, c.SentenceTer.Count);
        for (var i = 0; i < c.Hyps.Count; i++)
        {
            VectorAssert.Close(c.SentenceTer[i], metric.SentenceScore(c.Hyps[i], c.SegmentRefs(i)).Score, $"sentence_ter[{i}]");
        }
    }
}
