using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tests.Data;

namespace Regurgitate.Engine.Tests.Caching;

public sealed class StampedCacheTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Filling_beyond_the_limit_keeps_the_entries_within_it()
    {
        using var cache = new StampedCache<string>(3, _ => 1);
        for (var i = 0; i < 20; i++)
        {
            var value = await cache.GetAsync($"key{i}", "v1", _ => Task.FromResult($"value{i}"), CancellationToken.None);
            Assert.Equal($"value{i}", value);
            Assert.InRange(cache.Count, 1, 3);
        }
    }

    [Fact]
    public async Task A_value_larger_than_the_limit_is_returned_but_not_kept()
    {
        using var cache = new StampedCache<string>(10, text => text.Length);

        Assert.Equal("far too long", await cache.GetAsync("k", "v1", _ => Task.FromResult("far too long"), CancellationToken.None));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_file_is_read_once_while_unchanged_and_again_after_it_changed()
    {
        var path = temp.Write("lines.txt", "first\n");
        var reads = 0;
        using var cache = new StampedCache<string>(1_000, text => text.Length);
        Task<string> Read() => cache.GetAsync(path, FileStamps.Of(path), async token =>
        {
            reads++;
            return await File.ReadAllTextAsync(path, token);
        }, CancellationToken.None);

        Assert.Equal("first\n", await Read());
        Assert.Equal("first\n", await Read());
        Assert.Equal(1, reads);

        await File.WriteAllTextAsync(path, "second, longer\n");
        Assert.Equal("second, longer\n", await Read());
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_synthetic_set_rewritten_on_disk_is_loaded_afresh()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = temp.Path, DatasetsDirectory = temp.Path }, temp.Path);
        var repository = new SyntheticDatasetRepository(catalog);
        await repository.SaveAsync(Set("local/low", "One"), CancellationToken.None);
        Assert.Equal("One", (await repository.LoadAsync("local/low", CancellationToken.None)).Targets[0].Text);

        // Another process (the CLI, a second generator run) rewrites the file behind this repository's back.
        await SyntheticTargetStore.SaveAsync(Set("local/low", "One, regenerated"), repository.PathOf("local/low"), CancellationToken.None);

        Assert.Equal("One, regenerated", (await repository.LoadAsync("local/low", CancellationToken.None)).Targets[0].Text);
    }

    [Fact]
    public async Task The_synthetic_set_cache_stays_within_its_character_budget()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = temp.Path, DatasetsDirectory = temp.Path }, temp.Path);
        var repository = new SyntheticDatasetRepository(catalog, cacheCharacters: 40);
        for (var i = 0; i < 10; i++)
        {
            await repository.SaveAsync(Set($"local/set{i}", "Ten chars."), CancellationToken.None);
            await repository.LoadAsync($"local/set{i}", CancellationToken.None);
            Assert.InRange(repository.CachedCount, 0, 2);
        }
    }

    private static SyntheticTargetSet Set(string id, string text)
    {
        var provenance = new TranslationProvenance(id, "abc", DateTimeOffset.UnixEpoch, 3, 4, 0.5m);
        return new SyntheticTargetSet(
            new GeneratorDescriptor { Id = id, Name = id, Kind = GeneratorKind.Imported },
            [new SyntheticTarget("Eins zwei drei vier", 0, text, null, provenance)]);
    }
}
