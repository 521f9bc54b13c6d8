using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class DatasetReportTests
{
    private static readonly string[] Sources = [.. Enumerable.Range(0, 60).Select(i => $"Der Mann Nummer {i} kauft heute {i % 7} rote Äpfel auf dem Markt.")];
    private static readonly string[] References = [.. Enumerable.Range(0, 60).Select(i => $"Man number {i} buys {i % 7} red apples at the market today.")];

    // A weaker "system": a fixed phrasing, some copied German, one failure.
    private static readonly string?[] System = [.. Enumerable.Range(0, 60).Select(i => i switch
    {
        0 => null,
        < 6 => Sources[i],
        _ => $"The man number {i} buys today {i % 7} red apples on the market.",
    })];

    [Fact]
    public void Aligned_sides_share_one_seeded_sample_and_get_every_analysis()
    {
        var options = new DatasetReportOptions { SampleSize = 40, Seed = 5, Diversity = new() { SelfBleuSampleSize = 20 } };
        var report = DatasetReport.Build(Sources, new TextSide("human", References), [new TextSide("system", System)], options);
        Assert.True(report.Aligned);
        Assert.Equal(40, report.SampleSize);
        Assert.Equal(40, report.SampleIndices!.Count);
        Assert.Equal(report.SampleIndices.Order(), report.SampleIndices);
        Assert.All(report.Sides, s => Assert.Equal(40, s.Sentences));

        var human = report.Sides[0];
        var system = report.Sides[1];
        Assert.True(human.IsReference);
        Assert.Null(human.Errors);
        Assert.NotNull(human.Signals);
        Assert.Equal(1.0, human.Diversity.Coverage!.TypeCoverage, 12);
        Assert.NotNull(system.Errors);
        Assert.Equal(40, system.Errors!.Pairs);
        Assert.Equal(report.SampleIndices.Contains(0) ? 1 : 0, system.Failed);
        Assert.True(system.Signals!.UntranslatedRate > 0);
        Assert.True(system.Signals.UntranslatedRate > human.Signals!.UntranslatedRate);
        Assert.True(system.Errors.ChrF.Mean < 100);
        Assert.InRange(system.DivergenceFromReference!.Unigram, 0.01, 1);
        Assert.Equal(report.TokenBudget, report.Sides.Min(s => s.Diversity.Tokens));
        Assert.All(report.Sides, s => Assert.Equal(report.TokenBudget, s.Diversity.BudgetTokens));

        // Sentence lengths in lexical tokens, in sample order, summing to the side's tokens; a failed generation counts 0.
        Assert.All(report.Sides, s => Assert.Equal(40, s.SentenceLengths.Count));
        Assert.All(report.Sides, s => Assert.Equal(s.Diversity.Tokens, s.SentenceLengths.Sum(n => (long)n)));
        Assert.Equal(report.SampleIndices.Select(i => LexicalTokenizer.Tokenize(References[i]).Length), human.SentenceLengths);
        Assert.Equal(report.SampleIndices.Select(i => LexicalTokenizer.Tokenize(System[i]).Length), system.SentenceLengths);
        Assert.Equal(report.SampleIndices.Contains(0) ? 1 : 0, system.SentenceLengths.Count(n => n == 0));
    }

    [Fact]
    public void Reports_are_deterministic_per_seed()
    {
        DatasetReportResult Run(int seed) => DatasetReport.Build(
            Sources, new TextSide("human", References), [new TextSide("system", System)],
            new DatasetReportOptions { SampleSize = 30, Seed = seed, Diversity = new() { SelfBleuSampleSize = 10 } });
        var a = Run(1);
        var b = Run(1);
        var c = Run(2);
        Assert.Equal(a.SampleIndices, b.SampleIndices);
        Assert.NotEqual(a.SampleIndices, c.SampleIndices);
        for (var k = 0; k < a.Sides.Count; k++)
        {
            Assert.Equal(a.Sides[k].Diversity with { }, b.Sides[k].Diversity with { }, new DiversityComparer());
            Assert.Equal(a.Sides[k].Errors?.SentenceChrF, b.Sides[k].Errors?.SentenceChrF);
        }
    }

    [Fact]
    public void Unaligned_sides_are_size_matched_to_the_smallest()
    {
        var small = new TextSide("small", [.. References.Take(25)]);
        var report = DatasetReport.Build(null, new TextSide("human", References), [small], new DatasetReportOptions { Diversity = new() { SelfBleuSampleSize = 10 } });
        Assert.False(report.Aligned);
        Assert.Equal(25, report.SampleSize);
        Assert.All(report.Sides, s => Assert.Equal(25, s.Sentences));
        Assert.Null(report.Sides[1].Errors);
        Assert.NotNull(report.Sides[1].DivergenceFromReference);
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetReport.Build(
            null, new TextSide("human", References), [small], new DatasetReportOptions { SampleSize = 26 }));
    }

    [Fact]
    public async Task Progress_is_monotone_and_ends_at_one_and_cancellation_is_honoured()
    {
        var reports = new List<double>();
        var progress = new SynchronousProgress<double>(reports.Add);
        await DatasetReport.BuildAsync(Sources, new TextSide("human", References), [new TextSide("system", System)], progress: progress);
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DatasetReport.BuildAsync(Sources, new TextSide("human", References), [new TextSide("system", System)], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Error_analysis_distributions_and_rates()
    {
        string[] refs = ["the cat sat on the mat", "a dog barked loudly", "it rained all day long", ""];
        string?[] hyps = ["the cat sat on the mat", "completely unrelated words here", null, "anything"];
        var result = ErrorAnalysis.Analyze(null, refs, hyps);
        Assert.Equal(3, result.Pairs);
        Assert.Equal(1, result.SkippedWithoutReference);
        Assert.Equal([0, 1, 2], result.PairIndices);
        Assert.Equal(100, result.SentenceChrF[0], 9);
        Assert.Equal(0, result.SentenceChrF[2], 9);
        Assert.Equal(100, result.SentenceTer[2], 9);
        Assert.Equal(2.0 / 3, result.ChrF.ErrorRate, 12);
        Assert.Equal(2.0 / 3, result.AnyMetricErrorRate, 12);
        Assert.Equal(3, result.ChrF.Histogram.Sum(b => b.Count));
        Assert.Equal(10, result.ChrF.Histogram.Count);
        Assert.Equal(1, result.ChrF.Histogram[^1].Count);
        Assert.Equal(result.SentenceChrF.Order().ElementAt(1), result.ChrF.Median, 12);
        Assert.Null(result.Signals);
        Assert.Equal(3, result.Signatures.Count);
    }

    [Fact]
    public void Quantiles_interpolate_like_numpy()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(2.5, ScoreDistribution.Quantile(sorted, 0.5), 12);
        Assert.Equal(1.15, ScoreDistribution.Quantile(sorted, 0.05), 12);
        Assert.Equal(3.85, ScoreDistribution.Quantile(sorted, 0.95), 12);
    }

    /// <summary>Value equality of the diversity records including their lists (records compare lists by reference).</summary>
    private sealed class DiversityComparer : IEqualityComparer<LexicalDiversityResult>
    {
        public bool Equals(LexicalDiversityResult? x, LexicalDiversityResult? y) =>
            x is not null && y is not null
            && x.Tokens == y.Tokens && x.VocabularySize == y.VocabularySize
            && x.Mattr.Equals(y.Mattr) && x.Mtld.Equals(y.Mtld) && x.Hdd.Equals(y.Hdd) && x.SelfBleu.Equals(y.SelfBleu)
            && x.GzipRatio.Equals(y.GzipRatio) && x.ZipfSlope.Equals(y.ZipfSlope)
            && x.Distinct.SequenceEqual(y.Distinct) && x.Heaps.SequenceEqual(y.Heaps);

        public int GetHashCode(LexicalDiversityResult obj) => obj.Tokens.GetHashCode();
    }
}
