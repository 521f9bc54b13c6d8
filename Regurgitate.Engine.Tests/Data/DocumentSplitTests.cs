using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Xunit.Abstractions;

namespace Regurgitate.Engine.Tests.Data;

/// <summary>Pools with document ids are split by whole documents; Tatoeba's English targets stay out of training like its German sources.</summary>
public sealed class DocumentSplitTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private CorpusLoader Loader() => new(new CorpusCatalog(new DataOptions { DataDirectory = "data" }, temp.Path));

    [Fact]
    public async Task A_pool_with_document_ids_puts_every_document_wholly_in_one_split_and_counts_them()
    {
        var documentOf = FakeWmt22.Write(temp, "data", documents: 30);

        var splits = await Loader().LoadSplitsAsync(new SplitRequest("wmt22", SplitRequest.All, 10, 20, Seed: 7), null, CancellationToken.None);

        string[] DocumentsOf(IEnumerable<SentencePair> pairs) => [.. pairs.Select(p => documentOf[p.Source].Document).Distinct()];
        var train = DocumentsOf(splits.Train);
        var dev = DocumentsOf(splits.Dev);
        var test = DocumentsOf(splits.Test);
        Assert.Empty(train.Intersect(test));
        Assert.Empty(dev.Intersect(test));
        Assert.Empty(train.Intersect(dev));
        var sizes = documentOf.Values.GroupBy(v => v.Document).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(test.Sum(d => sizes[d]), splits.Test.Count);
        Assert.Equal(dev.Sum(d => sizes[d]), splits.Dev.Count);
        Assert.InRange(splits.Test.Count, 20, 24);

        Assert.Equal(SplitMethod.Documents, splits.Report.Method);
        Assert.Equal(test.Length, splits.Report.TestDocuments);
        Assert.Equal(dev.Length, splits.Report.DevDocuments);
        Assert.Equal(train.Length, splits.Report.TrainDocuments);
        Assert.Equal(30, train.Length + dev.Length + test.Length);
        Assert.StartsWith($"Split by whole documents: test {test.Length}, dev {dev.Length} and train {train.Length} documents", SplitSummary.Describe(splits.Report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_splits_are_reproducible_from_the_seed_and_differ_between_seeds()
    {
        FakeWmt22.Write(temp, "data", documents: 30);

        var a = await Loader().LoadSplitsAsync("wmt22", 1_000, 10, 20, seed: 3, CancellationToken.None);
        var b = await Loader().LoadSplitsAsync("wmt22", 1_000, 10, 20, seed: 3, CancellationToken.None);
        var c = await Loader().LoadSplitsAsync("wmt22", 1_000, 10, 20, seed: 4, CancellationToken.None);

        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public async Task Each_test_pair_carries_its_own_reference_B()
    {
        var documentOf = FakeWmt22.Write(temp, "data", documents: 12);

        var splits = await Loader().LoadSplitsAsync("wmt22", 1_000, 4, 8, seed: 1, CancellationToken.None);

        Assert.NotNull(splits.TestSecondReferences);
        Assert.Equal(splits.Test.Select(p => documentOf[p.Source].ReferenceB), splits.TestSecondReferences);
    }

    [Fact]
    public async Task Document_ids_out_of_line_with_the_sources_are_refused_naming_the_file()
    {
        FakeWmt22.Write(temp, "data", documents: 6);
        var ids = Path.Combine(temp.Path, "data", FakeWmt22.Folder, "generaltest2022.de-en.docids");
        File.WriteAllLines(ids, File.ReadAllLines(ids)[1..]);

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => Loader().LoadSplitsAsync("wmt22", 1_000, 2, 2, seed: 1, CancellationToken.None));

        Assert.Equal(ids, error.FilePath);
        Assert.Contains("line counts differ: it has 15 lines but", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tatoeba_keeps_english_targets_of_test_out_of_dev_and_training_and_dev_targets_out_of_training()
    {
        // 120 German sentences, each English target shared by three of them (as Tatoeba's short sentences often are).
        var german = Enumerable.Range(0, 120).Select(i => $"Das ist Satz Nummer {i}.");
        var english = Enumerable.Range(0, 120).Select(i => $"This is sentence {i % 40}.");
        temp.WriteGzip("data/tatoeba-deen/tatoeba-test-v2021-08-07.de.gz", string.Concat(german.Select(l => l + "\n")));
        temp.WriteGzip("data/tatoeba-deen/tatoeba-test-v2021-08-07.en.gz", string.Concat(english.Select(l => l + "\n")));

        var splits = await Loader().LoadSplitsAsync("tatoeba", 1_000, 5, 10, seed: 2, CancellationToken.None);

        var test = splits.Test.Select(p => p.Target).ToHashSet();
        var dev = splits.Dev.Select(p => p.Target).ToHashSet();
        Assert.DoesNotContain(splits.Dev, p => test.Contains(p.Target));
        Assert.DoesNotContain(splits.Train, p => test.Contains(p.Target) || dev.Contains(p.Target));
        Assert.NotEmpty(splits.Train);
        Assert.Equal(120 - 10 - 5, splits.Train.Count + splits.Report.TrainDroppedLeakage + splits.Report.DevDroppedOverlappingTest);
        Assert.Equal(splits.Report.TrainDroppedLeakage + splits.Report.DevDroppedOverlappingTest, splits.Report.TargetOverlapsDropped);
        Assert.Equal(SplitMethod.Segments, splits.Report.Method);
    }

    [Fact]
    public async Task The_real_wmt22_pool_at_the_templates_sizes_keeps_its_271_documents_whole()
    {
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, AppContext.BaseDirectory));
        var ids = await TextLines.ReadAllAsync(Path.Combine(SharedFolders.Data, "wmt22-deen", "generaltest2022.de-en.docids"));
        var sources = await TextLines.ReadAllAsync(Path.Combine(SharedFolders.Data, "wmt22-deen", "generaltest2022.de-en.src.de"));
        var documentOf = sources.Select((s, i) => (s, ids[i])).GroupBy(x => x.s).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToHashSet());

        var splits = await loader.LoadSplitsAsync(
            new SplitRequest("wmt22", SplitRequest.All, ExperimentTemplates.Wmt22DevSize, ExperimentTemplates.Wmt22TestSize, Seed: 1), null, CancellationToken.None);

        var trainDocuments = splits.Train.SelectMany(p => documentOf[p.Source]).ToHashSet();
        var sharing = splits.Test.Count(p => documentOf[p.Source].Overlaps(trainDocuments));
        Assert.Equal(0, sharing);

        // The segment shuffle used before (stream 4 of the split seed, test cut first) for comparison.
        var order = new DeterministicRandom(1, 4).Permutation(sources.Count);
        var oldTest = order.Take(ExperimentTemplates.Wmt22TestSize).ToHashSet();
        var oldTrainDocuments = order.Skip(ExperimentTemplates.Wmt22TestSize + ExperimentTemplates.Wmt22DevSize).Select(i => ids[i]).ToHashSet();
        var oldSharing = oldTest.Count(i => oldTrainDocuments.Contains(ids[i]));
        output.WriteLine($"wmt22 split seed 1: test {splits.Test.Count} pairs in {splits.Report.TestDocuments} documents, dev {splits.Dev.Count} in {splits.Report.DevDocuments}, train {splits.Train.Count} in {splits.Report.TrainDocuments}; "
            + $"test segments sharing a document with training: {sharing} (segment shuffle before: {oldSharing} of {oldTest.Count})");
        Assert.Equal(271, splits.Report.TestDocuments + splits.Report.DevDocuments + splits.Report.TrainDocuments);
    }

    [Fact]
    public async Task Newstest_is_split_by_its_year_files_and_its_test_pairs_carry_newstestB2020()
    {
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, AppContext.BaseDirectory));

        var splits = await loader.LoadSplitsAsync("newstest", 500, 100, 1_000, seed: 1, CancellationToken.None);

        Assert.Equal(SplitMethod.OfficialFiles, splits.Report.Method);
        Assert.Null(splits.Report.TestDocuments);
        var referenceB = await TextLines.ReadAllAsync(Path.Combine(SharedFolders.Data, "newstest-deen", "newstestB2020.en.gz"));
        var sources = (await TextLines.ReadAllAsync(Path.Combine(SharedFolders.Data, "newstest-deen", "newstest2020.de.gz"))).ToList();
        Assert.Equal(785, splits.Test.Count);
        Assert.Equal(splits.Test.Select(p => referenceB[sources.IndexOf(p.Source)]), splits.TestSecondReferences!);
    }
}
