using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class BleuVectorTests
{
    public static IEnumerable<object[]> CaseIds => MetricVectorCase.Ids;

    [Fact]
    public void Vector_file_holds_cases() => Assert.True(MetricVectorCase.Ids.Count() >= 17);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Corpus_bleu_matches_sacrebleu(string id)
    {
        var c = MetricVectorCase.Get(id);
        var metric = new BleuMetric(new BleuOptions { Tokenize = c.Tokenize, Lowercase = c.Lowercase });

        var score = metric.CorpusScore(c.Hyps, c.RefStreams);

        VectorAssert.Close(c.Bleu, score.Score, "bleu");
        VectorAssert.Close(c.BleuDetail.Counts, score.Counts, "counts");
        VectorAssert.Close(c.BleuDetail.Totals, score.Totals, "totals");
        VectorAssert.Close(c.BleuDetail.Precisions, score.Precisions, "precisions");
        VectorAssert.Close(c.BleuDetail.Bp, score.BrevityPenalty, "bp");
        VectorAssert.Close(c.BleuDetail.Ratio, score.Ratio, "ratio");
        Assert.Equal(c.BleuDetail.SysLen, score.SysLen);
        Assert.Equal(c.BleuDetail.RefLen, score.RefLen);
        Assert.Equal(c.BleuStr, score.Format());
        VectorAssert.SignatureMatches(c.BleuSignature, score.Signature);
        VectorAssert.SignatureMatches(c.BleuSignature, metric.Signature);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Sentence_bleu_matches_sacrebleu(string id)
    {
        var c = MetricVectorCase.Get(id);
        var metric = new BleuMetric(new BleuOptions { Tokenize = c.Tokenize, Lowercase = c.Lowercase });

        Assert.Equal(c.Hyps.Count, c.SentenceBleu.Count);
        string? signature = null;
        for (var i = 0; i < c.Hyps.Count; i++)
        {
            var score = metric.SentenceScore(c.Hyps[i], c.SegmentRefs(i));
            VectorAssert.Close(c.SentenceBleu[i], score.Score, $"sentence_bleu[{i}]");
            signature = score.Signature;
        }

        VectorAssert.SignatureMatches(c.SentenceBleuSignature, signature!);
    }
}
