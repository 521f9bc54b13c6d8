using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Mitigation.Quality;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

public sealed class ConsensusChrFScorerTests
{
    private const string Source = "Ein Mann fährt mit dem Fahrrad über eine Brücke.";
    private const string GoodA = "A man rides his bike across a bridge.";
    private const string GoodB = "A man is riding a bicycle over a bridge.";
    private const string GoodC = "A man cycles across a bridge.";
    private const string Outlier = "The weather was cold yesterday evening.";

    [Fact]
    public async Task TheScoreIsTheMeanSentenceChrFAgainstEachOtherTarget()
    {
        var scores = await ScorerAssert.ScoreWithProgress(new ConsensusChrFScorer(), [
            new QualityInput(Source, GoodA, [GoodB, GoodC, Outlier]),
            new QualityInput(Source, Outlier, [GoodA, GoodB, GoodC]),
        ]);

        var metric = new ChrFMetric();
        double Chrf(string hypothesis, string reference) => metric.SentenceScore(hypothesis, [reference]).Score;
        Assert.Equal((Chrf(GoodA, GoodB) + Chrf(GoodA, GoodC) + Chrf(GoodA, Outlier)) / 3, scores[0]!.Value, 12);
        Assert.Equal((Chrf(Outlier, GoodA) + Chrf(Outlier, GoodB) + Chrf(Outlier, GoodC)) / 3, scores[1]!.Value, 12);

        // The mean of single-reference scores, not sacreBLEU's best-of-several-references score.
        Assert.NotEqual(metric.SentenceScore(GoodA, [GoodB, GoodC, Outlier]).Score, scores[0]!.Value, 6);
        Assert.True(scores[0] > scores[1] + 10, $"agreeing target {scores[0]} vs outlier {scores[1]}");
    }

    [Fact]
    public async Task WithoutAnyUsableOtherTargetThePairIsNotScored()
    {
        var scores = await new ConsensusChrFScorer().ScoreAsync([
            new QualityInput(Source, GoodA, []),
            new QualityInput(Source, GoodA, ["", "   "]),
            new QualityInput(Source, GoodA, ["", GoodB]),
            new QualityInput(Source, "", [GoodB]),
        ], null, CancellationToken.None);

        Assert.Null(scores[0]);
        Assert.Null(scores[1]);

        // Failed generations of other systems are skipped rather than counted as disagreement.
        Assert.Equal(new ChrFMetric().SentenceScore(GoodA, [GoodB]).Score, scores[2]!.Value, 12);

        // An empty target is scorable: it agrees with nothing.
        Assert.Equal(0.0, scores[3]!.Value, 12);
    }

    [Fact]
    public async Task IdenticalPairsTieAndScoringIsDeterministic()
    {
        var inputs = new[]
        {
            new QualityInput(Source, GoodA, [GoodB, GoodC]),
            new QualityInput("Noch ein Satz.", GoodA, [GoodB, GoodC]),
            new QualityInput(Source, GoodA, [GoodA]),
        };
        var scorer = new ConsensusChrFScorer();

        var first = await scorer.ScoreAsync(inputs, null, CancellationToken.None);
        var second = await scorer.ScoreAsync(inputs, null, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first[0], first[1]);
        Assert.Equal(100.0, first[2]!.Value, 12);
    }

    [Fact]
    public async Task OptionsChooseTheChrFVariant()
    {
        var input = new QualityInput(Source, GoodA, [GoodB]);

        var plusPlus = await new ConsensusChrFScorer(ChrFOptions.ChrFPlusPlus).ScoreAsync([input], null, CancellationToken.None);

        Assert.Equal(new ChrFMetric(ChrFOptions.ChrFPlusPlus).SentenceScore(GoodA, [GoodB]).Score, plusPlus[0]!.Value, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsensusChrFScorer(new ChrFOptions { CharOrder = 0 }));
    }

    [Fact]
    public async Task EmptyInputCancellationAndIdentity()
    {
        var scorer = new ConsensusChrFScorer();
        Assert.Equal("consensus", scorer.Name);
        Assert.False(scorer.IsOracle);
        await ScorerAssert.HandlesEmptyInput(scorer);
        await ScorerAssert.HonoursCancellation(scorer, [.. Enumerable.Repeat(new QualityInput(Source, GoodA, [GoodB]), 5)]);
    }
}
