using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Mitigation.Quality;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

public sealed class ConsensusBleuScorerTests
{
    private const string Source = "Zwei Hunde spielen im Schnee.";
    private const string GoodA = "Two dogs are playing in the snow.";
    private const string GoodB = "Two dogs play in the snow.";
    private const string GoodC = "Two dogs are playing in snow.";
    private const string Outlier = "A woman reads a newspaper.";

    [Fact]
    public async Task TheScoreIsTheMeanSentenceBleuAgainstEachOtherTarget()
    {
        var scores = await ScorerAssert.ScoreWithProgress(new ConsensusBleuScorer(), [
            new QualityInput(Source, GoodA, [GoodB, GoodC, Outlier]),
            new QualityInput(Source, Outlier, [GoodA, GoodB, GoodC]),
            new QualityInput(Source, GoodA, []),
            new QualityInput(Source, GoodA, [" "]),
        ]);

        var metric = new BleuMetric();
        double Bleu(string hypothesis, string reference) => metric.SentenceScore(hypothesis, [reference]).Score;
        Assert.Equal((Bleu(GoodA, GoodB) + Bleu(GoodA, GoodC) + Bleu(GoodA, Outlier)) / 3, scores[0]!.Value, 12);
        Assert.Equal((Bleu(Outlier, GoodA) + Bleu(Outlier, GoodB) + Bleu(Outlier, GoodC)) / 3, scores[1]!.Value, 12);
        Assert.True(scores[0] > scores[1]);
        Assert.Null(scores[2]);
        Assert.Null(scores[3]);
    }

    [Fact]
    public async Task IdenticalPairsTieAndScoringIsDeterministic()
    {
        var inputs = new[] { new QualityInput(Source, GoodA, [GoodB]), new QualityInput(Source, GoodA, [GoodB]), new QualityInput(Source, GoodB, [GoodB]) };
        var scorer = new ConsensusBleuScorer();

        var first = await scorer.ScoreAsync(inputs, null, CancellationToken.None);

        Assert.Equal(first, await scorer.ScoreAsync(inputs, null, CancellationToken.None));
        Assert.Equal(first[0], first[1]);
        Assert.Equal(100.0, first[2]!.Value, 9);
    }

    [Fact]
    public async Task EmptyInputCancellationAndIdentity()
    {
        var scorer = new ConsensusBleuScorer();
        Assert.Equal("consensus-bleu", scorer.Name);
        Assert.False(scorer.IsOracle);
        await ScorerAssert.HandlesEmptyInput(scorer);
        await ScorerAssert.HonoursCancellation(scorer, [.. Enumerable.Repeat(new QualityInput(Source, GoodA, [GoodB]), 5)]);
    }
}
