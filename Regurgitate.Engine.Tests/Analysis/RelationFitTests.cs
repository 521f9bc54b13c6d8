using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class RelationFitTests
{
    [Fact]
    public void Slope_pearson_and_spearman_match_a_hand_computation()
    {
        // x̄ = 2.5, ȳ = 5; Sxy = 4.5 + 0.5 + 0 + 6 = 11, Sxx = 5, Syy = 26.
        double[] x = [1, 2, 3, 4];
        double[] y = [2, 4, 5, 9];
        Assert.Equal(11.0 / 5, RelationFit.LeastSquaresSlope(x, y)!.Value, 12);
        Assert.Equal(11 / Math.Sqrt(5 * 26.0), RelationFit.PearsonR(x, y)!.Value, 12);
        Assert.Equal(1.0, RelationFit.SpearmanRho(x, y)!.Value, 12);

        // Ranks of y = [3, 1, 2, 4] against 1..4: d² = 4 + 1 + 1 + 0 = 6, ρ = 1 − 6·6 / (4·15) = 0.4.
        Assert.Equal(0.4, RelationFit.SpearmanRho(x, [5, 1, 2, 9])!.Value, 12);
    }

    [Fact]
    public void Ties_share_the_mean_of_their_ranks()
    {
        Assert.Equal([3.5, 1, 3.5, 2], AverageRanks.Of([3, 1, 3, 2]));
        Assert.Equal([2, 2, 2], AverageRanks.Of([7, 7, 7]));
        Assert.Null(RelationFit.SpearmanRho([7, 7, 7], [1, 2, 3]));
    }

    [Fact]
    public void Undefined_statistics_are_null_rather_than_invented()
    {
        Assert.Null(RelationFit.LeastSquaresSlope([2, 2, 2], [1, 2, 3]));
        Assert.Null(RelationFit.PearsonR([1, 2, 3], [4, 4, 4]));

        var two = RelationFit.Compute([1, 2], [3, 4]);
        Assert.Equal(2, two.N);
        Assert.Null(two.Slope);
        Assert.Null(two.Pearson);
        Assert.Null(two.Spearman);

        // BLEU constant: the slope is 0, but no correlation is defined.
        var flat = RelationFit.Compute([1, 2, 3, 4], [5, 5, 5, 5]);
        Assert.Equal(0, flat.Slope!.Value);
        Assert.Null(flat.Pearson);
    }

    [Fact]
    public void A_perfect_line_has_a_degenerate_interval_and_resamples_with_one_x_are_skipped()
    {
        double[] x = [0.1, 0.2, 0.3, 0.4, 0.5];
        var fit = RelationFit.Compute(x, [.. x.Select(v => 30 - (20 * v))], resamples: 500, seed: 3);

        Assert.Equal(-20, fit.Slope!.Value, 9);
        Assert.Equal(-20, fit.Slope.Low!.Value, 9);
        Assert.Equal(-20, fit.Slope.High!.Value, 9);
        Assert.Equal(-1, fit.Pearson!.Low!.Value, 9);
        Assert.Equal(-1, fit.Spearman!.High!.Value, 9);
        // A resample drawing one run five times has no slope: 5 of 5^5 = 3125 draws, so a handful of the 500 are left out.
        Assert.InRange(fit.Slope.Resamples, 490, 500);
    }

    [Fact]
    public void Intervals_are_percentiles_of_a_seeded_bootstrap_over_the_points()
    {
        double[] x = [0.05, 0.10, 0.20, 0.25, 0.40, 0.45];
        double[] y = [31, 29, 30, 26, 22, 25];
        var fit = RelationFit.Compute(x, y, resamples: 2_000, seed: 12345);
        var again = RelationFit.Compute(x, y, resamples: 2_000, seed: 12345);
        var other = RelationFit.Compute(x, y, resamples: 2_000, seed: 99);

        Assert.Equal(fit, again);
        Assert.NotEqual((fit.Slope, fit.Pearson, fit.Spearman), (other.Slope, other.Pearson, other.Spearman));
        Assert.Equal(RelationFit.LeastSquaresSlope(x, y), fit.Slope!.Value);
        Assert.True(fit.Slope.Low < fit.Slope.Value && fit.Slope.Value < fit.Slope.High, fit.ToString());
        Assert.True(fit.Pearson!.High < 0, "a clear negative relation keeps its whole interval below 0");
        Assert.InRange(fit.Pearson.Low!.Value, -1, fit.Pearson.Value);
        Assert.Equal((6, 0.95, 2_000, 12345), (fit.N, fit.Confidence, fit.Resamples, fit.Seed));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RelationFit.Compute([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => RelationFit.Compute([1, double.NaN, 3], [1, 2, 3]));
    }
}
