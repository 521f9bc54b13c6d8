using Regurgitate.Engine.Mitigation.Quality;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

public sealed class CombinedScorerTests
{
    private static readonly QualityInput[] FourPairs = [.. Enumerable.Range(0, 4).Select(i => new QualityInput($"Satz {i}.", $"Sentence {i}.", []))];

    [Fact]
    public void ZScoresUseThePopulationStandardDeviationOverPresentValues()
    {
        var z = CombinedScorer.ZScores([1.0, 2.0, 3.0, null]);

        var expected = Math.Sqrt(1.5); // (3 − 2) / sqrt(((1)² + 0 + (1)²) / 3)
        Assert.Equal(-expected, z[0]!.Value, 12);
        Assert.Equal(0.0, z[1]!.Value, 12);
        Assert.Equal(expected, z[2]!.Value, 12);
        Assert.Null(z[3]);

        Assert.Equal([-1.0, 1.0, -1.0, 1.0], CombinedScorer.ZScores([10.0, 30.0, 10.0, 30.0]).Select(v => v!.Value));
    }

    [Fact]
    public void ConstantMissingAndNonFiniteValues()
    {
        // All equal (0.1 three times has a mean that is not exactly 0.1): no ranking information, so 0 for each.
        Assert.Equal([0.0, 0.0, 0.0], CombinedScorer.ZScores([0.1, 0.1, 0.1]).Select(v => v!.Value));
        Assert.Equal([0.0, null], CombinedScorer.ZScores([7.0, null]));
        Assert.Equal([null, null], CombinedScorer.ZScores([null, null]));
        Assert.Empty(CombinedScorer.ZScores([]));

        var withNaN = CombinedScorer.ZScores([double.NaN, 1.0, 3.0, double.PositiveInfinity]);
        Assert.Null(withNaN[0]);
        Assert.Equal(-1.0, withNaN[1]!.Value, 12);
        Assert.Equal(1.0, withNaN[2]!.Value, 12);
        Assert.Null(withNaN[3]);
    }

    [Fact]
    public void CombineTakesTheWeightedMeanOverTheComponentsPresentForEachPair()
    {
        IReadOnlyList<double?> a = [1.0, 2.0, 3.0, null];
        IReadOnlyList<double?> b = [10.0, null, 30.0, null];

        var combined = CombinedScorer.Combine([a, b], [1.0, 3.0]);

        var za = Math.Sqrt(1.5);
        Assert.Equal(-(za + 3) / 4, combined[0]!.Value, 12);
        Assert.Equal(0.0, combined[1]!.Value, 12); // only a: weights renormalised to 1
        Assert.Equal((za + 3) / 4, combined[2]!.Value, 12);
        Assert.Null(combined[3]); // no component scored it

        // Scale and shift of a component do not matter after z-normalisation.
        var rescaled = CombinedScorer.Combine([[.. a.Select(v => v * 100 - 7)], [.. b.Select(v => v / 3)]], [1.0, 3.0]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(combined[i]!.Value, rescaled[i]!.Value, 12);
        }

        Assert.Empty(CombinedScorer.Combine([[], []], [1.0, 1.0]));
    }

    [Fact]
    public void CombineRejectsMismatchedOrInvalidArguments()
    {
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([], []));
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([[1.0]], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([[1.0], [1.0, 2.0]], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([[1.0]], [0.0]));
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([[1.0]], [-1.0]));
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([[1.0]], [double.NaN]));
        Assert.Throws<ArgumentException>(() => CombinedScorer.Combine([[1.0]], [double.PositiveInfinity]));
    }

    [Fact]
    public async Task ScoringRunsEachComponentOnceAndCombinesTheirVectors()
    {
        var first = new FixedScorer("first", [4.0, null, 1.0, 1.0]);
        var second = new FixedScorer("second", [-2.0, -1.0, null, -1.0]);
        var scorer = new CombinedScorer([(first, 2.0), (second, 1.0)]);
        var reports = new List<double>();

        var scores = await scorer.ScoreAsync(FourPairs, new SynchronousProgress<double>(reports.Add), CancellationToken.None);

        Assert.Equal(CombinedScorer.Combine([[4.0, null, 1.0, 1.0], [-2.0, -1.0, null, -1.0]], [2.0, 1.0]), scores);
        Assert.Equal(1, first.Calls);
        Assert.Equal(1, second.Calls);
        Assert.Equal([0.25, 0.5, 0.75, 1.0, 1.0], reports);
        Assert.Equal("combined", scorer.Name);
        Assert.False(scorer.IsOracle);
        Assert.Equal(["first", "second"], scorer.Components.Select(c => c.Scorer.Name));

        // Ties stay ties: pairs 2 and 3 have equal first scores, and pair 2 lacks the second.
        Assert.True(scores[0] > scores[3]);
    }

    [Fact]
    public async Task WithRealScorersEmptyInputGivesAnEmptyList()
    {
        var scorer = new CombinedScorer([(new ConsensusChrFScorer(), 1.0), (new ErrorSignalScorer(), 0.5)]);
        var reports = new List<double>();

        var scores = await scorer.ScoreAsync([], new SynchronousProgress<double>(reports.Add), CancellationToken.None);

        Assert.Empty(scores);
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task OracleComponentsAreRefusedUnlessAllowed()
    {
        var oracle = new OracleChrFScorer();
        var error = Assert.Throws<ArgumentException>(() => new CombinedScorer([(new ErrorSignalScorer(), 1.0), (oracle, 1.0)]));
        Assert.Contains("oracle-chrf", error.Message, StringComparison.Ordinal);

        var analysis = new CombinedScorer([(new ErrorSignalScorer(), 1.0), (oracle, 1.0)], allowOracle: true);
        Assert.True(analysis.IsOracle);
        var scores = await analysis.ScoreAsync([new QualityInput("Ein Hund.", "A dog.", [], "A dog."), new QualityInput("Ein Hund.", "A cat.", [])], null, CancellationToken.None);
        Assert.NotNull(scores[1]); // the oracle is missing here, the signals are not
    }

    [Fact]
    public void ConstructionValidatesComponentsAndWeights()
    {
        var signals = new ErrorSignalScorer();
        Assert.Throws<ArgumentException>(() => new CombinedScorer([]));
        Assert.Throws<ArgumentException>(() => new CombinedScorer([(signals, 0.0)]));
        Assert.Throws<ArgumentException>(() => new CombinedScorer([(signals, double.NaN)]));
        Assert.Throws<ArgumentException>(() => new CombinedScorer([(null!, 1.0)]));
    }

    [Fact]
    public async Task CancellationStopsTheCombination()
    {
        var scorer = new CombinedScorer([(new FixedScorer("a", [1.0, 2.0, 3.0, 4.0]), 1.0), (new FixedScorer("b", [1.0, 2.0, 3.0, 4.0]), 1.0)]);
        await ScorerAssert.HonoursCancellation(scorer, FourPairs);
    }
}
