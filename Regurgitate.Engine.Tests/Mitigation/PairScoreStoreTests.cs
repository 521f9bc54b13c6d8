using Regurgitate.Engine.Data;
using Regurgitate.Engine.Mitigation;

namespace Regurgitate.Engine.Tests.Mitigation;

public sealed class PairScoreStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "regurgitate-scores-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Scores_round_trip_with_missing_values_and_components()
    {
        var scores = new PairScores("combined", "wmt22/GPT-4", false,
        [
            new PairScore("Ein Satz.", 0.25, new Dictionary<string, double?> { ["consensus"] = 51.5, ["model"] = null }),
            new PairScore("Noch einer.", null),
        ]);

        await PairScoreStore.SaveAsync(scores, directory, CancellationToken.None);
        var loaded = await PairScoreStore.LoadAsync(directory, "wmt22/GPT-4", CancellationToken.None);

        Assert.Equal("combined", loaded.ScorerName);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(0.25, loaded.Of("Ein Satz."));
        Assert.Null(loaded.Of("Noch einer."));
        Assert.Null(loaded.Of("Nie gesehen."));
        Assert.Equal(51.5, loaded.All.First().Components!["consensus"]);
        Assert.DoesNotContain(Directory.GetFiles(directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.EndsWith("wmt22_GPT-4.scores.jsonl", PairScoreStore.PathOf(directory, "wmt22/GPT-4"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_line_is_reported_with_file_and_line()
    {
        Directory.CreateDirectory(directory);
        var path = PairScoreStore.PathOf(directory, "g");
        await File.WriteAllLinesAsync(path, ["{\"scorer\":\"quality\",\"generator\":\"g\",\"oracle\":false}", "{\"source\":\"a\",\"value\":1}", "{\"source\":\"b\",\"val"]);

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => PairScoreStore.LoadAsync(directory, "g", CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_scores_name_the_generator()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => PairScoreStore.LoadAsync(directory, "g", CancellationToken.None));
        Assert.Contains("'g'", error.Message, StringComparison.Ordinal);
    }
}
