using System.Diagnostics;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Tests.TestSupport;
using Xunit.Abstractions;

namespace Regurgitate.Engine.Tests.Data;

public sealed class CorpusLoaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static CorpusLoader SharedLoader() =>
        new(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, AppContext.BaseDirectory));

    private static void AssertNoLeakage(DataSplits splits)
    {
        var test = splits.Test.Select(p => p.Source.Trim()).ToHashSet();
        var dev = splits.Dev.Select(p => p.Source.Trim()).ToHashSet();
        Assert.DoesNotContain(splits.Dev, p => test.Contains(p.Source.Trim()));
        Assert.DoesNotContain(splits.Train, p => test.Contains(p.Source.Trim()) || dev.Contains(p.Source.Trim()));
    }

    [Fact]
    public async Task Multi30k_official_files_have_the_documented_counts()
    {
        var data = SharedFolders.Data;
        var counts = new List<int>();
        foreach (var stem in new[] { "train", "val", "test_2016_flickr" })
        {
            var corpus = await ParallelCorpusReader.LoadPairsAsync(
                Path.Combine(data, "multi30k", stem + ".de.gz"),
                Path.Combine(data, "multi30k", stem + ".en.gz"),
                new CorpusReadOptions { LengthRatioOutliers = LinePolicy.Keep },
                cancellationToken: CancellationToken.None);
            counts.Add(corpus.Pairs.Count);
        }

        Assert.Equal([29_000, 1_014, 1_000], counts);
    }

    [Fact]
    public async Task Multi30k_splits_use_the_official_files_minus_outliers_and_leakage()
    {
        var stopwatch = Stopwatch.StartNew();
        var splits = await SharedLoader().LoadSplitsAsync("multi30k", 29_000, 1_014, 1_000, seed: 1, CancellationToken.None);
        var cold = stopwatch.ElapsedMilliseconds;
        stopwatch.Restart();
        var again = await SharedLoader().LoadSplitsAsync("multi30k", 29_000, 1_014, 1_000, seed: 1, CancellationToken.None);
        output.WriteLine($"multi30k train+val+test loaded and split in {cold} ms cold, {stopwatch.ElapsedMilliseconds} ms warm");

        Assert.Equal(splits.Train, again.Train);

        Assert.Equal(1_000, splits.Test.Count);
        Assert.Equal(1_014, splits.Dev.Count);
        // Train lines 16510 and 16664 are "@@" on the German side; line 15326 repeats a val/test source.
        Assert.Equal(2, splits.Report.Reads["train"].LengthRatioOutliersSkipped);
        Assert.Equal(1, splits.Report.TrainDroppedLeakage);
        Assert.Equal(28_997, splits.Train.Count);
        Assert.Equal("Zwei junge weiße Männer sind im Freien in der Nähe vieler Büsche.", splits.Train[0].Source);
        AssertNoLeakage(splits);
        Assert.Equal("train: 29000 pairs requested but only 28997 available; using all 28997.", Assert.Single(splits.Report.Notes));
    }

    [Fact]
    public async Task Multi30k_train_loads_all_pairs_and_reports_its_load_time()
    {
        var data = SharedFolders.Data;
        var de = Path.Combine(data, "multi30k", "train.de.gz");
        var en = Path.Combine(data, "multi30k", "train.en.gz");
        await ParallelCorpusReader.LoadPairsAsync(de, en, cancellationToken: CancellationToken.None); // JIT warm-up

        var stopwatch = Stopwatch.StartNew();
        var corpus = await ParallelCorpusReader.LoadPairsAsync(de, en, cancellationToken: CancellationToken.None);
        stopwatch.Stop();
        output.WriteLine($"multi30k train ({corpus.Pairs.Count} pairs, gz) read in {stopwatch.ElapsedMilliseconds} ms");

        // Speed is measured by the benchmarks, not asserted here: a shared CI machine makes timing bounds flaky.
        Assert.Equal(28_998, corpus.Pairs.Count); // two "@@" German lines are length-ratio outliers, skipped by default
    }

    [Fact]
    public async Task Newstest_splits_follow_the_suggested_years_and_clamp_with_notes()
    {
        var stopwatch = Stopwatch.StartNew();
        var splits = await SharedLoader().LoadSplitsAsync("newstest", 100_000, 2_000, 1_000, seed: 7, CancellationToken.None);
        output.WriteLine($"newstest loaded and split in {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(30_746, splits.Report.Reads["train"].LinesRead);
        Assert.Equal(30_746 - splits.Report.Reads["train"].LengthRatioOutliersSkipped, splits.Report.TrainAvailable);
        Assert.Equal(2_000, splits.Report.DevAvailable);
        Assert.Equal(785, splits.Report.TestAvailable);
        Assert.Equal(785, splits.Test.Count);
        Assert.Equal(2_000, splits.Dev.Count);
        Assert.Equal(30_746 - splits.Report.Reads["train"].LengthRatioOutliersSkipped - splits.Report.TrainDroppedLeakage, splits.Train.Count);
        Assert.Contains(splits.Report.Notes, n => n.StartsWith("test: 1000 pairs requested but only 785", StringComparison.Ordinal));
        Assert.Contains(splits.Report.Notes, n => n.StartsWith("train: 100000 pairs requested", StringComparison.Ordinal));
        AssertNoLeakage(splits);
    }

    [Fact]
    public async Task Tatoeba_pool_is_sampled_to_the_requested_sizes_without_overlap()
    {
        var splits = await SharedLoader().LoadSplitsAsync("tatoeba", 10_000, 500, 1_000, seed: 3, CancellationToken.None);

        Assert.Equal((10_000, 500, 1_000), (splits.Train.Count, splits.Dev.Count, splits.Test.Count));
        Assert.Empty(splits.Report.Notes);
        // Tatoeba repeats German sentences with different translations, so a random cut does hit the guard.
        Assert.True(splits.Report.TrainDroppedLeakage > 0);
        AssertNoLeakage(splits);
    }

    [Fact]
    public async Task Tatoeba_train_is_clamped_to_what_the_pool_leaves()
    {
        var splits = await SharedLoader().LoadSplitsAsync("tatoeba", 29_000, 200, 1_000, seed: 1, CancellationToken.None);

        Assert.Equal(17_565 - 1_200 - splits.Report.TrainDroppedLeakage - splits.Report.DevDroppedOverlappingTest, splits.Train.Count);
        Assert.Contains(splits.Report.Notes, n => n.StartsWith("train: 29000 pairs requested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pool_too_small_for_test_and_dev_is_an_error_naming_its_size()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SharedLoader().LoadSplitsAsync("tatoeba", 100, 10_000, 10_000, 1, CancellationToken.None));

        Assert.Contains("17565 pairs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tatoeba")]
    [InlineData("multi30k")]
    public async Task Same_seed_gives_the_same_splits_and_another_seed_different_ones(string corpusId)
    {
        var loader = SharedLoader();

        var a = await loader.LoadSplitsAsync(corpusId, 5_000, 300, 500, seed: 42, CancellationToken.None);
        var b = await loader.LoadSplitsAsync(corpusId, 5_000, 300, 500, seed: 42, CancellationToken.None);
        var c = await loader.LoadSplitsAsync(corpusId, 5_000, 300, 500, seed: 43, CancellationToken.None);

        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Dev, b.Dev);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Train, c.Train);
        Assert.NotEqual(a.Dev, c.Dev);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public async Task Predefined_test_sample_does_not_depend_on_the_train_size()
    {
        var loader = SharedLoader();

        var small = await loader.LoadSplitsAsync("multi30k", 1_000, 100, 500, seed: 5, CancellationToken.None);
        var large = await loader.LoadSplitsAsync("multi30k", 20_000, 100, 500, seed: 5, CancellationToken.None);

        Assert.Equal(small.Test, large.Test);
        Assert.Equal(small.Dev, large.Dev);
        Assert.Subset(large.Train.ToHashSet(), small.Train.ToHashSet());
    }

    [Fact]
    public async Task Leakage_guard_drops_train_and_dev_pairs_whose_source_is_in_a_later_split()
    {
        // A fake multi30k: train repeats one dev and one test source (with other translations), dev repeats a test source.
        temp.WriteGzip("data/multi30k/test_2016_flickr.de.gz", "Ein Hund rennt.\nEine Frau liest.\n");
        temp.WriteGzip("data/multi30k/test_2016_flickr.en.gz", "A dog runs.\nA woman reads.\n");
        temp.WriteGzip("data/multi30k/val.de.gz", "Ein Kind lacht.\nEin Hund rennt.\n");
        temp.WriteGzip("data/multi30k/val.en.gz", "A child laughs.\nA dog is running.\n");
        temp.WriteGzip("data/multi30k/train.de.gz", "Ein Mann singt.\nEin Kind lacht. \nEine Frau liest.\nZwei Katzen schlafen.\n");
        temp.WriteGzip("data/multi30k/train.en.gz", "A man sings.\nA kid laughs.\nA lady reads.\nTwo cats sleep.\n");
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = "data" }, temp.Path));

        var splits = await loader.LoadSplitsAsync("multi30k", 10, 10, 10, seed: 1, CancellationToken.None);

        Assert.Equal(["Ein Mann singt.", "Zwei Katzen schlafen."], splits.Train.Select(p => p.Source));
        Assert.Equal(["Ein Kind lacht."], splits.Dev.Select(p => p.Source));
        Assert.Equal(2, splits.Test.Count);
        Assert.Equal(2, splits.Report.TrainDroppedLeakage);
        Assert.Equal(1, splits.Report.DevDroppedOverlappingTest);
    }

    [Fact]
    public async Task Split_emptied_by_the_leakage_guard_is_an_error()
    {
        temp.WriteGzip("data/multi30k/test_2016_flickr.de.gz", "Ein Hund rennt.\n");
        temp.WriteGzip("data/multi30k/test_2016_flickr.en.gz", "A dog runs.\n");
        temp.WriteGzip("data/multi30k/val.de.gz", "Ein Hund rennt.\n");
        temp.WriteGzip("data/multi30k/val.en.gz", "A dog is running.\n");
        temp.WriteGzip("data/multi30k/train.de.gz", "Ein Mann singt.\n");
        temp.WriteGzip("data/multi30k/train.en.gz", "A man sings.\n");
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = "data" }, temp.Path));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loader.LoadSplitsAsync("multi30k", 10, 10, 10, seed: 1, CancellationToken.None));

        Assert.Contains("dev split of corpus 'multi30k' is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_catalog_file_surfaces_as_format_error()
    {
        temp.WriteGzip("data/tatoeba-deen/tatoeba-test-v2021-08-07.de.gz", "Hallo\nWelt\n");
        temp.WriteGzip("data/tatoeba-deen/tatoeba-test-v2021-08-07.en.gz", "Hello\n\n");
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = "data" }, temp.Path));

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => loader.LoadSplitsAsync("tatoeba", 1, 1, 1, 1, CancellationToken.None));

        Assert.EndsWith("tatoeba-test-v2021-08-07.en.gz", error.FilePath, StringComparison.Ordinal);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public async Task Sizes_below_one_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SharedLoader().LoadSplitsAsync("multi30k", 100, 0, 10, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Loading_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SharedLoader().LoadSplitsAsync("multi30k", 100, 10, 10, 1, cts.Token));
    }

    [Fact]
    public void Split_request_comes_from_the_run_config()
    {
        var config = new RunConfig { CorpusId = "tatoeba", TrainSize = 5_000, DevSize = 100, TestSize = 300, Seed = 9 };

        Assert.Equal(new SplitRequest("tatoeba", 5_000, 100, 300, 9), SplitRequest.From(config));
    }

    [Fact]
    public async Task Opennmt_toy_empty_english_line_5_is_surfaced_or_skipped_by_policy()
    {
        var de = Path.Combine(SharedFolders.Data, "opennmt-wmt-toy", "train.tok.de.gz");
        var en = Path.Combine(SharedFolders.Data, "opennmt-wmt-toy", "train.tok.en.gz");

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => ParallelCorpusReader.LoadPairsAsync(de, en, cancellationToken: CancellationToken.None));
        var skipped = await ParallelCorpusReader.LoadPairsAsync(
            de, en, new CorpusReadOptions { EmptyLines = LinePolicy.Skip, LengthRatioOutliers = LinePolicy.Keep }, cancellationToken: CancellationToken.None);

        Assert.Equal((en, 5L), (error.FilePath, error.LineNumber));
        Assert.Equal(9_999, skipped.Pairs.Count);
        Assert.Equal(1, skipped.Report.EmptyLinesSkipped);
    }
}
