using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tests.Data;

namespace Regurgitate.Engine.Tests.Generation;

public sealed class ImportedSystemsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static SyntheticDatasetRepository SharedRepository() =>
        new(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()));

    [Fact]
    public void Every_catalogued_system_output_exists_and_belongs_to_a_catalog_pool_corpus()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory());
        Assert.Equal(15, ImportedSystemCatalog.ForCorpus("wmt22").Count());
        Assert.Equal(19, ImportedSystemCatalog.ForCorpus("wmt21").Count());
        foreach (var system in ImportedSystemCatalog.Systems)
        {
            Assert.True(File.Exists(catalog.ResolveFile(system.OutputFile)), system.OutputFile);
            Assert.Contains(CorpusCatalog.Get(system.CorpusId).Pool, files => files.Source == system.SourceFile);
        }
    }

    [Fact]
    public async Task GPT4_outputs_keep_their_published_empty_lines_as_failures_not_empty_translations()
    {
        var set = await SharedRepository().LoadAsync("wmt22/GPT-4", CancellationToken.None);

        Assert.Equal(1_984, set.Targets.Count);
        Assert.Equal(8, set.FailedCount); // MANIFEST: GPT-4.en has 8 empty lines
        Assert.All(set.Targets.Where(t => !t.Succeeded), t => Assert.Contains("empty output", t.Failure));
        Assert.All(set.Targets.Where(t => t.Succeeded), t => Assert.False(string.IsNullOrWhiteSpace(t.Text)));
        Assert.Equal("wmt22/GPT-4", set.Generator.Id);
        Assert.Equal(GeneratorKind.Imported, set.Generator.Kind);
    }

    [Fact]
    public async Task Targets_are_found_by_their_German_source_whatever_the_surrounding_whitespace()
    {
        var source = temp.Write("src.de", "Guten Morgen.\nWie geht es?\n");
        var output = temp.Write("sys.en", "Good morning.\nHow are you?\n");
        var generator = new ImportedOutputsGenerator(Descriptor("test/sys"), source, output);
        var set = await SyntheticSetBuilder.BuildAsync(generator, [new(0, "Guten Morgen."), new(1, "Wie geht es?")], null, CancellationToken.None);

        Assert.True(set.TryGetTarget("  Wie geht es? ", out var target));
        Assert.Equal("How are you?", target);
        Assert.False(set.Covers("Unbekannt"));
    }

    [Fact]
    public async Task A_segment_whose_text_differs_from_the_file_line_is_a_failure_not_a_misalignment()
    {
        var source = temp.Write("src.de", "Eins\nZwei\n");
        var output = temp.Write("sys.en", "One\nTwo\n");
        var generator = new ImportedOutputsGenerator(Descriptor("test/sys"), source, output);
        var set = await SyntheticSetBuilder.BuildAsync(generator, [new(0, "Eins"), new(1, "Drei"), new(5, "Sechs")], null, CancellationToken.None);

        Assert.Equal("One", set.Targets[0].Text);
        Assert.Contains("is not the requested source", set.Targets[1].Failure);
        Assert.Contains("beyond the 2 lines", set.Targets[2].Failure);
    }

    [Fact]
    public async Task Output_file_with_a_different_line_count_is_an_error_naming_the_file()
    {
        var source = temp.Write("src.de", "Eins\nZwei\nDrei\n");
        var output = temp.Write("sys.en", "One\nTwo\n");
        var generator = new ImportedOutputsGenerator(Descriptor("test/sys"), source, output);

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => SyntheticSetBuilder.BuildAsync(generator, [new(0, "Eins")], null, CancellationToken.None));
        Assert.Contains("sys.en", error.Message);
    }

    [Fact]
    public async Task A_stored_set_round_trips_and_a_malformed_line_is_reported_with_file_and_line()
    {
        var repository = new SyntheticDatasetRepository(new CorpusCatalog(new DataOptions { DataDirectory = temp.Path, DatasetsDirectory = temp.Path }, temp.Path));
        var provenance = new TranslationProvenance("local/low", "abc", DateTimeOffset.UnixEpoch, 3, 4, 0.5m);
        var set = new SyntheticTargetSet(Descriptor("local/low"), [new("Eins", 0, "One", null, provenance), new("Zwei", 0, null, "refused", provenance)]);
        await repository.SaveAsync(set, CancellationToken.None);

        var loaded = await new SyntheticDatasetRepository(new CorpusCatalog(new DataOptions { DataDirectory = temp.Path, DatasetsDirectory = temp.Path }, temp.Path))
            .LoadAsync("local/low", CancellationToken.None);
        Assert.Equal(set.Targets, loaded.Targets);
        Assert.Equal("local/low", loaded.Generator.Id);

        var path = repository.PathOf("local/low");
        File.AppendAllText(path, "{\"source\":\"Drei\",\"sample\":0}\n");
        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => SyntheticTargetStore.LoadAsync(path, CancellationToken.None));
        Assert.Equal(4, error.LineNumber);
        Assert.Contains("either 'text' or 'failure'", error.Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a//b")]
    [InlineData("")]
    public void Dataset_ids_cannot_escape_the_datasets_folder(string id)
    {
        var repository = new SyntheticDatasetRepository(new CorpusCatalog(new DataOptions { DataDirectory = temp.Path }, temp.Path));
        Assert.ThrowsAny<ArgumentException>(() => repository.PathOf(id));
    }

    [Fact]
    public async Task Unknown_dataset_id_says_it_must_be_generated_first()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => SharedRepository().LoadAsync("local/nothing-here", CancellationToken.None));
        Assert.Contains("Generate it first", error.Message);
    }

    private static GeneratorDescriptor Descriptor(string id) => new() { Id = id, Name = id, Kind = GeneratorKind.Imported };
}
