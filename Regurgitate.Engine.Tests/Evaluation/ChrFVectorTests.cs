using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class ChrFVectorTests
{
    public static IEnumerable<object[]> CaseIds => MetricVectorCase.Ids;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Corpus_and_sentence_chrf_match_sacrebleu(string id)
    {
        var c = MetricVectorCase.Get(id);
        var metric = new ChrFMetric(new ChrFOptions { Lowercase = c.Lowercase });

        var corpus = metric.CorpusScore(c.Hyps, c.RefStreams);

        VectorAssert.Close(c.Chrf, corpus.Score, "chrf");
        VectorAssert.SignatureMatches(c.ChrfSignature, corpus.Signature);
        Assert.Equal("chrF2", corpus.Name);
        AssertSentences(metric, c, c.SentenceChrf, "sentence_chrf");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Corpus_and_sentence_chrf_plus_plus_match_sacrebleu(string id)
    {
        var c = MetricVectorCase.Get(id);
        var metric = new ChrFMetric(ChrFOptions.ChrFPlusPlus with { Lowercase = c.Lowercase });

        var corpus = metric.CorpusScore(c.Hyps, c.RefStreams);

        VectorAssert.Close(c.ChrfPp, corpus.Score, "chrf_pp");
        VectorAssert.SignatureMatches(c.ChrfPpSignature, corpus.Signature);
        Assert.Equal("chrF2++", corpus.Name);
        AssertSentences(metric, c, c.SentenceChrfPp, "sentence_chrf_pp");
    }

    private static void AssertSentences(ChrFMetric metric, MetricVectorCase c, List<double> expected, string what)
    {
        Assert.Equal(c.Hyps.Count, expected.Count);
        for (var i = 0; i < c.Hyps.Count; i++)
        {
            VectorAssert.Close(expected[i], metric.SentenceScore(c.Hyps[i], c.SegmentRefs(i)).Score, $"{what}[{i}]");
        }
    }
}
