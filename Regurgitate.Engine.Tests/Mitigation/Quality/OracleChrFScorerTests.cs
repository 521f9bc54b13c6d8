using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Mitigation.Quality;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

public sealed class OracleChrFScorerTests
{
    private const string Source = "Eine Frau liest ein Buch im Park.";
    private const string Reference = "A woman reads a book in the park.";

    [Fact]
    public async Task TheScoreIsSentenceChrFAgainstTheReferenceAndNullWithoutOne()
    {
        const string close = "A woman is reading a book in the park.";
        const string far = "Children play football.";
        var scores = await ScorerAssert.ScoreWithProgress(new OracleChrFScorer(), [
            new QualityInput(Source, close, [far], Reference),
            new QualityInput(Source, far, [close], Reference),
            new QualityInput(Source, close, []),
            new QualityInput(Source, close, [], "  "),
            new QualityInput(Source, Reference, [], Reference),
        ]);

        Assert.Equal(new ChrFMetric().SentenceScore(close, [Reference]).Score, scores[0]!.Value, 12);
        Assert.Equal(new ChrFMetric().SentenceScore(far, [Reference]).Score, scores[1]!.Value, 12);
        Assert.True(scores[0] > scores[1]);
        Assert.Null(scores[2]);
        Assert.Null(scores[3]);
        Assert.Equal(100.0, scores[4]!.Value, 12);
    }

    [Fact]
    public async Task ItIsAnOracleAndHonoursTheContract()
    {
        var scorer = new OracleChrFScorer();
        Assert.Equal("oracle-chrf", scorer.Name);
        Assert.True(scorer.IsOracle);
        await ScorerAssert.HandlesEmptyInput(scorer);
        await ScorerAssert.HonoursCancellation(scorer, [.. Enumerable.Repeat(new QualityInput(Source, Reference, [], Reference), 4)]);
    }
}
