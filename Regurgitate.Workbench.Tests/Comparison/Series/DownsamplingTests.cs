using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Workbench.Tests.Comparison.Series;

public sealed class DownsamplingTests
{
    [Fact]
    public void Five_thousand_points_become_about_a_thousand_keeping_ends_spikes_and_order()
    {
        var random = new Random(3);
        var y = Enumerable.Range(0, 5000).Select(i => 2 + random.NextDouble() * 0.1).ToArray();
        y[2345] = 100;
        y[4000] = -50;
        y[17] = double.NaN;

        var kept = Downsampling.MinMaxIndices(y);

        Assert.InRange(kept.Length, 900, 1001);
        Assert.Equal(0, kept[0]);
        Assert.Equal(4999, kept[^1]);
        Assert.Contains(2345, kept);
        Assert.Contains(4000, kept);
        Assert.Contains(17, kept);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First < p.Second));
        var thinned = Downsampling.Take(y, kept);
        Assert.Equal(100, thinned.Where(double.IsFinite).Max());
        Assert.Equal(-50, thinned.Where(double.IsFinite).Min());
    }

    [Fact]
    public void Every_bucket_keeps_its_extremes()
    {
        // A saw tooth: every-k-th sampling would miss most peaks; min/max buckets keep each one.
        var y = Enumerable.Range(0, 1000).Select(i => i % 10 == 5 ? 1.0 : 0.0).ToArray();
        var kept = Downsampling.MinMaxIndices(y, 402);

        Assert.Equal(100, kept.Count(i => y[i] == 1.0));
    }

    [Fact]
    public void Short_curves_are_kept_whole()
    {
        Assert.Equal([0, 1, 2], Downsampling.MinMaxIndices([3.0, 1.0, 2.0], 10));
    }
}
