using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Hosted;
using Regurgitate.Engine.Tests.Data;
using static Regurgitate.Engine.Tests.Hosted.HostedTestSupport;

namespace Regurgitate.Engine.Tests.Hosted;

public sealed class HostedExperimentRunnerTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_grid_becomes_hosted_jobs_scored_on_the_test_set_with_the_base_model_at_size_0_and_failures_kept()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.Combine(folder.Path, "datasets") }, Directory.GetCurrentDirectory());
        var corpora = new CorpusLoader(catalog);
        var spec = new ExperimentSpec { Name = "hosted", CorpusId = "multi30k", DevSize = 8, TestSize = 8, Sizes = [16, 32], RealFractions = [1.0], Seeds = [1, 2] };
        var plan = ExperimentGrid.Expand(spec);
        var test = (await corpora.LoadSplitsAsync(SplitRequest.From(plan.Runs[0].Config), null, CancellationToken.None)).Test;
        var references = test.ToDictionary(p => p.Source, p => p.Target);

        await using var server = new FakeOpenAiServer
        {
            // Seed 2 at 32 pairs fails on the provider; every other job yields a model that translates the test set perfectly.
            Outcome = job => (int?)job.Request["seed"] == 2 && job.Examples == 32
                ? FakeJobOutcome.Failed("Training file has too many duplicates.")
                : FakeJobOutcome.Succeeded,
        };
        server.Chat = call => FakeReply.Success(Model(call.Body).StartsWith("ft:", StringComparison.Ordinal) ? references[Source(call.Body)] : "no idea");
        var options = Options(server);
        var chat = new LlmGeneratorOptions
        {
            Endpoint = new Uri(server.Root, "v1"), Provider = LlmProvider.OpenAICompatible, Model = "gpt-35-turbo-0125", ApiKey = CanaryKey,
            MaxRetries = 1, RequestTimeout = TimeSpan.FromSeconds(5), InitialRetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        var runner = new HostedExperimentRunner(corpora, new TrainingSetComposer(new SyntheticDatasetRepository(catalog)), options, chat);
        HostedCostEstimate? announced = null;
        var jobsAtEstimate = -1;

        var result = await runner.RunAsync(plan, folder.Path, e => (announced, jobsAtEstimate) = (e, server.JobsCreated), null, CancellationToken.None);

        Assert.Equal(0, jobsAtEstimate);
        Assert.Equal((4, 0), (announced!.Jobs, announced.Journalled));
        Assert.Equal(0, result.ZeroShot.Size);
        Assert.True(result.ZeroShot.Bleu < 5, $"the base model answers nonsense, yet scored {result.ZeroShot.Bleu}");
        Assert.Equal(4, result.Points.Count);
        Assert.All(result.Points.Where(p => p.Succeeded), p => Assert.Equal(100, p.Bleu!.Value, 6));
        var failed = Assert.Single(result.Failures);
        Assert.Equal((32, 2), (failed.Size, failed.Seed));
        Assert.Contains("Training file has too many duplicates.", failed.Failure, StringComparison.Ordinal);
        Assert.Equal(4, server.JobsCreated);
        Assert.Equal([16, 16, 32, 32], server.Jobs.Select(j => j.Examples).Order());

        var table = HostedCurveTable.Format(result);
        Assert.Contains("real", table, StringComparison.Ordinal);
        Assert.Contains("100.00 1/2", table, StringComparison.Ordinal);
        Assert.Contains("failed: real, 32 pairs, seed 2:", table, StringComparison.Ordinal);
    }

    private static string Model(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("model").GetString() ?? "";
    }

    /// <summary>The German sentence of a prompt built from the default template ("…German: {source}").</summary>
    private static string Source(string body)
    {
        using var document = JsonDocument.Parse(body);
        var user = document.RootElement.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString()!;
        return user[(user.LastIndexOf("German: ", StringComparison.Ordinal) + "German: ".Length)..];
    }
}
