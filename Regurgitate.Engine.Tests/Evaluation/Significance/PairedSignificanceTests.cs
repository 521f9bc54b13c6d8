using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Statistics;
using Regurgitate.Engine.Tests.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation.Significance;

public sealed class PairedSignificanceTests
{
    [Fact]
    public void P_value_counts_strictly_greater_samples_with_plus_one_smoothing()
    {
        // One of three samples exceeds 0.5 (ties do not count): (1 + 1) / (3 + 1).
        Assert.Equal(0.5, NumpyReductions.PValue([0.1, 0.5, 0.9], 0.5));
        Assert.Equal(0.25, NumpyReductions.PValue([0.0, 0.0, 0.0], 0.0));
    }

    [Fact]
    public void Confidence_is_half_the_distance_between_the_n_over_40_th_order_statistics()
    {
        // 40 scores 40..1: index 1 and 38 of the sorted list are 2 and 39.
        var scores = Enumerable.Range(1, 40).Reverse().Select(i => (double)i).ToArray();
        var (mean, half) = NumpyReductions.EstimateConfidence(scores);
        Assert.Equal(20.5, mean);
        Assert.Equal(18.5, half);

        // Fewer than 40 scores: the extremes.
        Assert.Equal((2.0, 1.0), NumpyReductions.EstimateConfidence([3.0, 1.0, 2.0]));
    }

    [Fact]
    public void Pairwise_sum_equals_the_exact_sum_of_integers()
    {
        var values = Enumerable.Range(0, 1003).Select(i => (double)((i * 37) % 101)).ToArray();
        Assert.Equal(values.Sum(), NumpyReductions.Sum(values));
        Assert.Equal(0.0, NumpyReductions.Sum([]));
    }

    [Fact]
    public void Bootstrap_by_hand_on_seven_segments()
    {
        // Score = sum of one column; NumPy's default_rng(0).choice(7, (3, 7)) draws the rows below
        // (numpy_draws.txt), so every resampled score can be summed by hand.
        int[][] rows = [[5, 4, 3, 1, 2, 0, 0], [0, 1, 5, 4, 6, 3, 4], [6, 5, 4, 3, 3, 6, 1]];
        double[] baseline = [1, 2, 3, 4, 5, 6, 7];
        double[] system = [2, 2, 3, 4, 5, 6, 9];
        var report = PairedSignificance.PairedBootstrap([Sys("base", baseline), Sys("sys", system)], resamples: 3, seed: 0);

        double Resampled(double[] v, int r) => rows[r].Sum(i => v[i]);
        var bl = Enumerable.Range(0, 3).Select(r => Resampled(baseline, r)).ToArray();
        var sy = Enumerable.Range(0, 3).Select(r => Resampled(system, r)).ToArray();
        Assert.Equal([22.0, 30.0, 35.0], bl);
        Assert.Equal([24.0, 33.0, 39.0], sy);

        var baseRow = report.Systems[0].Metrics[0];
        Assert.Equal(28, baseRow.Score);
        Assert.Null(baseRow.PValue);
        Assert.Equal(29.0, baseRow.Mean!.Value, 12);
        Assert.Equal(0.5 * (35 - 22), baseRow.ConfidenceHalfWidth);

        var sysRow = report.Systems[1].Metrics[0];
        Assert.Equal(31, sysRow.Score);
        Assert.Equal(32.0, sysRow.Mean!.Value, 12);
        Assert.Equal(0.5 * (39 - 24), sysRow.ConfidenceHalfWidth);

        // |diffs| = 2, 3, 4, mean 3, centred -1, 0, 1; observed |31 - 28| = 3: none exceeds it → (0 + 1) / 4.
        Assert.Equal(0.25, sysRow.PValue);

        // The paired differences system − baseline (2, 3, 4) give the interval shown beside p; the baseline has none.
        Assert.Null(baseRow.DifferenceInterval);
        Assert.Equal(new ConfidenceInterval(2, 4), sysRow.DifferenceInterval);
    }

    [Fact]
    public void Approximate_randomization_by_hand()
    {
        // default_rng(0).integers(2, (3, 5), dtype=bool) from numpy_draws.txt.
        var rng = new NumpyRandom(0);
        rng.BeginBooleanFill();
        var select = Enumerable.Range(0, 15).Select(_ => rng.NextBooleanOfFill()).ToArray();
        double[] baseline = [1, 0, 1, 0, 1];
        double[] system = [1, 1, 1, 1, 1];
        var report = PairedSignificance.ApproximateRandomization([Sys("base", baseline), Sys("sys", system)], trials: 3, seed: 0);

        var exceed = 0;
        for (var t = 0; t < 3; t++)
        {
            double a = 0, b = 0;
            for (var i = 0; i < 5; i++)
            {
                var pos = select[(t * 5) + i];
                a += pos ? baseline[i] : system[i];
                b += pos ? system[i] : baseline[i];
            }

            if (Math.Abs(a - b) > 2)
            {
                exceed++;
            }
        }

        Assert.Equal((exceed + 1) / 4.0, report.Systems[1].Metrics[0].PValue);
        Assert.Equal(new PairedMetricResult(3, null, null, null), report.Systems[0].Metrics[0]);
        Assert.Equal(5, report.Systems[1].Metrics[0].Score);
    }

    [Fact]
    public void Same_seed_same_report_other_seed_other_resamples()
    {
        var (refs, good, bad) = Corpus(300);
        var systems = new[] { Bleu("a", bad, refs), Bleu("b", good, refs) };
        var first = PairedSignificance.PairedBootstrap(systems, 200, 12345);
        var second = PairedSignificance.PairedBootstrap(systems, 200, 12345);
        var other = PairedSignificance.PairedBootstrap(systems, 200, 99);
        Assert.Equal(Flatten(first), Flatten(second));
        Assert.NotEqual(first.Systems[0].Metrics[0].Mean, other.Systems[0].Metrics[0].Mean);
        Assert.Equal(first.Systems[0].Metrics[0].Score, other.Systems[0].Metrics[0].Score);
    }

    [Fact]
    public void A_clearly_better_system_gets_a_small_p_value_and_ci_contains_the_corpus_score()
    {
        var (refs, good, bad) = Corpus(400);
        var systems = new[] { Bleu("bad", bad, refs), Bleu("good", good, refs) };

        var bs = PairedSignificance.PairedBootstrap(systems);
        var ar = PairedSignificance.ApproximateRandomization(systems, 2000);

        Assert.True(bs.Systems[1].Metrics[0].PValue < 0.01, $"bs p = {bs.Systems[1].Metrics[0].PValue}");
        Assert.True(ar.Systems[1].Metrics[0].PValue < 0.01, $"ar p = {ar.Systems[1].Metrics[0].PValue}");
        Assert.Equal(1.0 / 1001, bs.Systems[1].Metrics[0].PValue!.Value, 12);
        foreach (var row in bs.Systems)
        {
            var cell = row.Metrics[0];
            Assert.InRange(cell.Score, cell.Mean!.Value - cell.ConfidenceHalfWidth!.Value, cell.Mean.Value + cell.ConfidenceHalfWidth.Value);
            Assert.True(cell.ConfidenceHalfWidth > 0);
        }
    }

    [Fact]
    public void Equally_good_systems_get_a_large_p_value()
    {
        // The system's segments are the baseline's in another order, so both corpus scores are equal.
        var (refs, _, bad) = Corpus(400);
        var baseline = Enumerable.Range(0, 400).Select(i => bad[i]).ToList();
        var swappedRefs = new List<string?>(refs);
        var system = new List<string>(baseline);
        for (var i = 0; i + 1 < 400; i += 2)
        {
            (system[i], system[i + 1]) = (system[i + 1], system[i]);
            (swappedRefs[i], swappedRefs[i + 1]) = (swappedRefs[i + 1], swappedRefs[i]);
        }

        // Statistics are per segment, so pairing the permuted hypotheses with permuted references keeps each
        // segment's statistics and only changes which baseline segment it is paired with.
        var bl = new BleuMetric().CorpusStatistics(baseline, [refs]);
        var sy = new BleuMetric().CorpusStatistics(system, [swappedRefs]);
        Assert.Equal(bl.CorpusScore(), sy.CorpusScore(), 12);
        var systems = new[] { new PairedSystem("a", [bl]), new PairedSystem("b", [sy]) };

        Assert.True(PairedSignificance.PairedBootstrap(systems).Systems[1].Metrics[0].PValue > 0.2);
        Assert.True(PairedSignificance.ApproximateRandomization(systems, 2000).Systems[1].Metrics[0].PValue > 0.2);
    }

    [Fact]
    public void Identical_systems_follow_sacrebleu_zero_difference_is_not_chance()
    {
        // sacreBLEU counts samples strictly above the observed difference, so a system against an identical copy has
        // no exceeding sample: p = 1 / (n + 1), as multeval intends ("a zero difference should not be attributed to chance").
        var (refs, good, _) = Corpus(100);
        var systems = new[] { Bleu("a", good, refs), Bleu("b", good, refs) };
        Assert.Equal(1.0 / 101, PairedSignificance.PairedBootstrap(systems, 100).Systems[1].Metrics[0].PValue!.Value, 12);
        Assert.Equal(1.0 / 101, PairedSignificance.ApproximateRandomization(systems, 100).Systems[1].Metrics[0].PValue!.Value, 12);
    }

    [Theory]
    [MemberData(nameof(MetricVectorCase.Ids), MemberType = typeof(MetricVectorCase))]
    public void Statistics_reproduce_the_corpus_scores_of_the_reference_vectors(string id)
    {
        var c = MetricVectorCase.Get(id);
        var bleu = new BleuMetric(new BleuOptions { Tokenize = c.Tokenize, Lowercase = c.Lowercase });
        var chrf = new ChrFMetric(new ChrFOptions { Lowercase = c.Lowercase });
        var chrfpp = new ChrFMetric(ChrFOptions.ChrFPlusPlus with { Lowercase = c.Lowercase });
        var ter = new TerMetric();

        VectorAssert.Close(c.Bleu, bleu.CorpusStatistics(c.Hyps, c.RefStreams).CorpusScore(), "bleu");
        VectorAssert.SignatureMatches(c.BleuSignature, bleu.CorpusStatistics(c.Hyps, c.RefStreams).Signature);
        VectorAssert.Close(c.Chrf, chrf.CorpusStatistics(c.Hyps, c.RefStreams).CorpusScore(), "chrf");
        VectorAssert.Close(c.ChrfPp, chrfpp.CorpusStatistics(c.Hyps, c.RefStreams).CorpusScore(), "chrf_pp");
        Assert.Equal("chrF2++", chrfpp.CorpusStatistics(c.Hyps, c.RefStreams).MetricName);
        VectorAssert.Close(c.Ter, ter.CorpusStatistics(c.Hyps, c.RefStreams).CorpusScore(), "ter");
        VectorAssert.SignatureMatches(c.TerSignature, ter.CorpusStatistics(c.Hyps, c.RefStreams).Signature);
    }

    [Fact]
    public void Signature_gets_the_test_fields_after_nrefs()
    {
        Assert.Equal(
            "nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0",
            PairedSignificance.AddTestToSignature("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0", PairedTestKind.Bootstrap, 1000, 12345));
        Assert.Equal(
            "nrefs:2|ar:10000|seed:none|case:lc|version:0.1.0",
            PairedSignificance.AddTestToSignature("nrefs:2|case:lc|version:0.1.0", PairedTestKind.ApproximateRandomization, 10000, null));
        Assert.Equal(12345UL, PairedSignificance.SeedFromEnvironment(null));
        Assert.Null(PairedSignificance.SeedFromEnvironment("None"));
        Assert.Equal(7UL, PairedSignificance.SeedFromEnvironment("7"));
    }

    [Fact]
    public void Mismatched_systems_are_rejected()
    {
        var a = Sys("a", [1, 2, 3]);
        var b = Sys("b", [1, 2]);
        Assert.Throws<ArgumentException>(() => PairedSignificance.PairedBootstrap([a, b]));
        Assert.Throws<ArgumentException>(() => PairedSignificance.PairedBootstrap([a]));
    }

    private static PairedSystem Sys(string name, double[] values) =>
        new(name, [new SegmentStatistics("SUM", "nrefs:1|version:test", 1, values, t => t[0])]);

    private static PairedSystem Bleu(string name, IReadOnlyList<string> hyps, IReadOnlyList<string?> refs) =>
        new(name, [new BleuMetric().CorpusStatistics(hyps, [refs]), new ChrFMetric().CorpusStatistics(hyps, [refs])]);

    private static List<double?> Flatten(PairedTestReport report) =>
        report.Systems.SelectMany(s => s.Metrics).SelectMany(m => new[] { m.Score, m.PValue, m.Mean, m.ConfidenceHalfWidth }).ToList();

    /// <summary>Seeded synthetic references, a near-copy (one word in ten dropped) and a poor hypothesis (half the words dropped).</summary>
    private static (List<string?> Refs, List<string> Good, List<string> Bad) Corpus(int count)
    {
        var random = new Random(5);
        string[] vocabulary = ["the", "cat", "dog", "sat", "on", "a", "mat", "ran", "to", "house", "red", "big", "small", "man", "woman", "saw"];
        var refs = new List<string?>();
        var good = new List<string>();
        var bad = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, 6 + random.Next(10)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
            refs.Add(string.Join(' ', words));
            good.Add(string.Join(' ', words.Where(_ => random.NextDouble() > 0.1)));
            bad.Add(string.Join(' ', words.Where(_ => random.NextDouble() > 0.5)));
        }

        return (refs, good, bad);
    }
}
