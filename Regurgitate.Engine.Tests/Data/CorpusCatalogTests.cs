using Regurgitate.Engine.Data;
using Regurgitate.Engine.Tests.TestSupport;

namespace Regurgitate.Engine.Tests.Data;

public sealed class CorpusCatalogTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Relative_data_directory_is_resolved_against_the_base_directory()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = "../shared/data" }, Path.Combine(temp.Path, "app"));

        Assert.Equal(Path.Combine(temp.Path, "shared", "data"), catalog.DataDirectory);
    }

    [Fact]
    public void Absolute_data_directory_is_used_as_is()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, temp.Path);

        Assert.Equal(Path.GetFullPath(SharedFolders.Data), catalog.DataDirectory);
    }

    [Fact]
    public async Task Missing_data_directory_names_the_path_and_the_configuration_key()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = "no-such-data" }, temp.Path);
        var loader = new CorpusLoader(catalog);

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => loader.LoadSplitsAsync("multi30k", 100, 10, 10, 1, CancellationToken.None));

        Assert.Contains(Path.Combine(temp.Path, "no-such-data"), error.Message, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Data:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_corpus_file_names_the_path_and_the_configuration_key()
    {
        temp.WriteGzip("data/multi30k/train.de.gz", "Hallo\n");
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = "data" }, temp.Path);
        var loader = new CorpusLoader(catalog);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => loader.LoadSplitsAsync("multi30k", 100, 10, 10, 1, CancellationToken.None));

        Assert.Equal(Path.Combine(temp.Path, "data", "multi30k", "train.en.gz"), error.FileName);
        Assert.Contains(error.FileName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Data:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_corpus_id_lists_the_known_ones()
    {
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, temp.Path));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => loader.LoadSplitsAsync("europarl", 100, 10, 10, 1, CancellationToken.None));

        Assert.Contains("multi30k, newstest, tatoeba", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_catalog_corpora_are_available_in_the_shared_data()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, temp.Path);

        Assert.Equal(["multi30k", "newstest", "tatoeba", "wmt22", "wmt21"], catalog.ListAvailable().Select(c => c.Id));
    }

    [Fact]
    public void Availability_lists_missing_files_and_does_not_throw_for_a_missing_directory()
    {
        temp.WriteGzip("data/tatoeba-deen/tatoeba-test-v2021-08-07.de.gz", "Hallo\n");
        temp.WriteGzip("data/tatoeba-deen/tatoeba-test-v2021-08-07.en.gz", "Hello\n");
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = "data" }, temp.Path);
        var nowhere = new CorpusCatalog(new DataOptions { DataDirectory = "nowhere" }, temp.Path);

        var availability = catalog.GetAvailability();

        Assert.Equal(["tatoeba"], catalog.ListAvailable().Select(c => c.Id));
        Assert.Contains(Path.Combine(temp.Path, "data", "multi30k", "val.en.gz"), availability.Single(a => a.Corpus.Id == "multi30k").MissingFiles);
        Assert.Empty(nowhere.ListAvailable());
    }

    [Fact]
    public void Descriptors_describe_their_splits()
    {
        var multi30k = CorpusCatalog.Get("multi30k");
        var newstest = CorpusCatalog.Get("newstest");
        var tatoeba = CorpusCatalog.Get("tatoeba");

        Assert.True(multi30k.HasPredefinedSplits);
        Assert.Equal(12, newstest.Train.Count);
        Assert.Contains(new ParallelFiles("newstest-deen/newssyscomb2009.de.gz", "newstest-deen/newssyscomb2009.en.gz"), newstest.Train);
        Assert.Equal("newstest-deen/newstest2020.en.gz", Assert.Single(newstest.Test).Target);
        Assert.False(tatoeba.HasPredefinedSplits);
        Assert.All(CorpusCatalog.Corpora, c => Assert.All([c.Name, c.Description, c.Domain, c.Licence], Assert.NotEmpty));
    }
}
