using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tests.Data;
using Regurgitate.Engine.Tests.TestSupport;

namespace Regurgitate.Engine.Tests.Experiments;

/// <summary>A run on a pool with document ids and reference B: its split summary and its test score against one or all references.</summary>
[Collection(TorchCollection.Name)]
public sealed class MultiReferenceRunTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private async Task<List<RunEvent>> RunAsync(TestReferences references, string runDirectory)
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = "data", DatasetsDirectory = "datasets" }, temp.Path);
        var runner = new RunExecutor(new CorpusLoader(catalog), new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance);
        var config = new RunConfig
        {
            CorpusId = "wmt22",
            TrainSize = 40,
            DevSize = 8,
            TestSize = 12,
            Seed = 5,
            References = references,
            Model = ModelConfig.Tiny with { VocabSize = 300, MaxPositions = 64 },
            Training = new TrainingConfig { MaxSteps = 2, EvaluateEvery = 2, TokensPerBatch = 512, WarmupSteps = 1, MaxTokensPerSentence = 40, Threads = 2 },
            TestDecoding = Engine.Decoding.DecodingConfig.Greedy,
        };
        var events = new List<RunEvent>();
        await foreach (var e in runner.RunAsync(config, runDirectory, CancellationToken.None))
        {
            events.Add(e);
        }

        var finished = events.OfType<RunFinished>().Single();
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);
        return events;
    }

    [Fact]
    public async Task All_references_score_the_test_set_against_A_and_B_and_the_run_records_its_document_split()
    {
        FakeWmt22.Write(temp, "data", documents: 30);
        var both = Path.Combine(temp.Path, "runs", "both");
        var one = Path.Combine(temp.Path, "runs", "one");

        var bothEvents = await RunAsync(TestReferences.All, both);
        var oneEvents = await RunAsync(TestReferences.One, one);

        var test = bothEvents.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test);
        Assert.StartsWith("nrefs:2|", test.BleuSignature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:2|", test.ChrFSignature, StringComparison.Ordinal);
        var hypotheses = await TextLines.ReadAllAsync(Path.Combine(both, TestOutputs.HypothesisFile));
        var referenceA = await TextLines.ReadAllAsync(Path.Combine(both, TestOutputs.ReferenceFile));
        var referenceB = await TextLines.ReadAllAsync(Path.Combine(both, TestOutputs.SecondReferenceFile));
        Assert.Equal(new BleuMetric().CorpusScore(hypotheses, [[.. referenceA], [.. referenceB]]).Score, test.Bleu);
        Assert.NotEqual(referenceA, referenceB);

        var single = oneEvents.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test);
        Assert.StartsWith("nrefs:1|", single.BleuSignature, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(one, TestOutputs.SecondReferenceFile)));
        Assert.All(bothEvents.OfType<EvaluationCompleted>().Where(e => e.Split == EvaluationSplit.Dev), e => Assert.StartsWith("nrefs:1|", e.BleuSignature, StringComparison.Ordinal));

        var summary = await File.ReadAllTextAsync(Path.Combine(both, SplitSummary.FileName));
        Assert.Contains("\"method\": \"Documents\"", summary, StringComparison.Ordinal);
        Assert.Contains("\"testDocuments\": ", summary, StringComparison.Ordinal);
        Assert.Contains(bothEvents.OfType<PhaseChanged>(), p => p.Message.StartsWith("Split by whole documents: test ", StringComparison.Ordinal));
    }
}
