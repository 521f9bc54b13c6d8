using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tests.TestSupport;

namespace Regurgitate.Engine.Tests.Experiments;

/// <summary>A tiny run whose generator failed on every other source, kept as empty targets: what it trains on and what it writes.</summary>
[Collection(TorchCollection.Name)]
public sealed class FailedGenerationRunTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "regurgitate-failed-generations-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Kept_failures_are_trained_with_an_empty_target_and_counted_in_training_set_json()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.Combine(root, "datasets") }, Directory.GetCurrentDirectory());
        var repository = new SyntheticDatasetRepository(catalog);
        var pool = (await new CorpusLoader(catalog).LoadSplitsAsync("multi30k", 3_000, 20, 10, 1, CancellationToken.None)).Train;
        const string id = "test/every-other";
        await repository.SaveAsync(
            new SyntheticTargetSet(
                new GeneratorDescriptor { Id = id, Name = id, Kind = GeneratorKind.Local },
                [.. pool.Select((p, i) => i % 2 == 1
                    ? new SyntheticTarget(p.Source, 0, null, "timeout", new(id, null, DateTimeOffset.UnixEpoch))
                    : new SyntheticTarget(p.Source, 0, p.Target.ToUpperInvariant(), null, new(id, null, DateTimeOffset.UnixEpoch)))]),
            CancellationToken.None);
        var config = new RunConfig
        {
            CorpusId = "multi30k",
            TrainSize = 100,
            DevSize = 20,
            TestSize = 10,
            Seed = 4,
            SplitSeed = 1,
            Model = ModelConfig.Tiny with { VocabSize = 400 },
            Training = new TrainingConfig { MaxSteps = 2, EvaluateEvery = 2, TokensPerBatch = 1_024, WarmupSteps = 10, Threads = 2, MaxTokensPerSentence = 250 },
            Mixture = new MixtureConfig { RealFraction = 0.5, Synthetic = [new(id)], Failures = FailurePolicy.KeepAsEmpty },
        };
        var runDirectory = Path.Combine(root, "run");
        var events = new List<RunEvent>();
        await foreach (var e in new RunExecutor(new CorpusLoader(catalog), repository, NullLogger<RunExecutor>.Instance).RunAsync(config, runDirectory, CancellationToken.None))
        {
            events.Add(e);
        }

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);
        Assert.Equal(100, Assert.Single(events.OfType<RunStarted>()).TrainPairs); // the empty targets are trained on, not filtered out

        var pairs = (await TrainingPairs.ReadAsync(runDirectory, CancellationToken.None))!;
        var empty = pairs.Where(p => p.Pair.Target.Length == 0).ToList();
        Assert.NotEmpty(empty);
        Assert.All(empty, p => Assert.Equal(id, p.Origin));

        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runDirectory, "training-set.json")));
        Assert.Equal("keep-as-empty", written.RootElement.GetProperty("Failures").GetString());
        Assert.Equal(empty.Count, written.RootElement.GetProperty("FailedInSet").GetProperty(id).GetInt32());
        Assert.Equal(pool.Count / 2, written.RootElement.GetProperty("FailedInPool").GetProperty(id).GetInt32());
        Assert.Contains(events.OfType<PhaseChanged>(), p => p.Message.StartsWith($"Failed generations in the pool: {pool.Count / 2:N0} by {id}", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
