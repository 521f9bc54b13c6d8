using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// A hosted fine-tuning experiment through the real workbench (experiment service, run coordinator, database) against
/// the scripted fake files/fine-tuning/chat server: its grid points are hosted runs whose scores reach the learning
/// curve, the comparison and the exports, the base model is the size-0 point, a restart resumes the provider's jobs
/// without a second upload or job, a cancel request in the database cancels the provider's job, and the API key never
/// reaches the database or the logs.
/// </summary>
public sealed class HostedExperimentTests : IDisposable
{
    private const string Key = "sk-canary-workbench-hosted-9f3e";

    // WMT22 with GPT-4's published outputs for the same sources, as specs/hosted-gpt35.json, at toy sizes.
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "toy hosted",
        CorpusId = "wmt22",
        DevSize = 8,
        TestSize = 8,
        Sizes = [16, 32],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Name = "GPT-4", Generators = [new SyntheticShare("wmt22/GPT-4")] }],
        Seeds = [1],
        Hosted = new HostedFineTuningSpec { BaseModel = "gpt-35-turbo-0125", Epochs = 2, LearningRateMultiplier = 0.5 },
    };

    private readonly ToyWorkbenchHost workbench = new();

    public void Dispose() => workbench.Dispose();

    [Fact]
    public async Task Grid_points_are_hosted_runs_on_the_curve_comparison_and_export_and_a_failed_job_is_a_failed_run_and_the_key_stays_out()
    {
        await using var server = new FakeOpenAiServer
        {
            // Seed 2 at 32 pairs fails on the provider; every other job yields a model that translates perfectly.
            Outcome = job => (int?)job.Request["seed"] == 2 && job.Examples == 32
                ? FakeJobOutcome.Failed("Training file has too many duplicates.")
                : FakeJobOutcome.Succeeded,
        };
        var logs = new CapturingLoggerProvider();
        using var host = workbench.Build(Settings(server), services => services.AddSingleton<ILoggerProvider>(logs));
        await host.StartAsync();
        var references = await ReferencesAsync(host);
        server.Chat = call => FakeReply.Success(Model(call.Body).StartsWith("ft:", StringComparison.Ordinal) ? references[Source(call.Body)] : "no idea");
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec with { Seeds = [1, 2] }, CancellationToken.None);

        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);

        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var runs = await RunsAsync(host, id);
        Assert.All(runs, r => Assert.Equal(RunKind.Hosted, r.Kind));
        var zeroShot = Assert.Single(runs, r => r.Role == RunRole.Pretraining);
        Assert.Equal(FineTuning.ZeroShotCondition, zeroShot.Condition);
        Assert.True(zeroShot.Status == RunStatus.Completed, $"zero-shot run: {zeroShot.Status} {zeroShot.Message}");
        Assert.True(zeroShot.TestBleu < 5, $"the base model answers nonsense, yet scored {zeroShot.TestBleu}");
        var grid = runs.Where(r => r.Role == RunRole.Grid).ToList();
        Assert.Equal(8, grid.Count);
        Assert.Equal(8, server.JobsCreated);
        var failed = grid.Where(r => r.Status == RunStatus.Failed).ToList();
        Assert.Equal([("GPT-4", 32, 2), ("real", 32, 2)], failed.Select(r => (r.Condition!, r.TrainSize, r.Seed)).OrderBy(r => r.Item1, StringComparer.Ordinal));
        Assert.All(failed, r => Assert.Contains("Training file has too many duplicates.", r.Message, StringComparison.Ordinal));
        Assert.All(grid.Except(failed), r =>
        {
            Assert.True(r.Status == RunStatus.Completed, $"run {r.Id}: {r.Status} {r.Message}");
            Assert.Equal(100, r.TestBleu!.Value, 6);
            Assert.NotNull(r.TestChrF);
            Assert.Contains("nrefs:1", r.TestBleuSignature, StringComparison.Ordinal);
            Assert.Contains("Fine-tuned ft:gpt-35-turbo-0125:", r.Message, StringComparison.Ordinal);
        });

        // What each run sent is in its stored configuration; the hosted settings resolved, the connection not.
        var config = JsonSerializer.Deserialize<RunConfig>(grid[0].ConfigJson, RunStore.JsonOptions)!;
        Assert.Equal((2, 0.5, "gpt-35-turbo-0125"), (config.Hosted!.Epochs, config.Hosted.LearningRateMultiplier, config.Hosted.BaseModel));

        // The learning curve starts at the base model's score and holds every completed point.
        var detail = await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None);
        var curves = LearningCurve.From(detail!.Runs, pretrainedAtSizeZero: true);
        Assert.Equal(["real", "GPT-4"], curves.Select(c => c.Condition));
        Assert.Equal([0, 16, 32], curves[0].Points.Select(p => p.Size));
        Assert.Equal([0, 16, 32], curves[1].Points.Select(p => p.Size));
        Assert.Equal([1, 2, 1], curves[1].Points.Select(p => p.Seeds));
        Assert.All(curves, c => Assert.Equal(zeroShot.TestBleu, c.Points[0].Mean));
        Assert.Equal(zeroShot.TestBleu, LearningCurve.PretrainedScore(detail.Runs));
        var csv = ExperimentArchiveWriter.LearningCurveCsv(runs).Split('\n');
        Assert.Contains(csv, line => line.StartsWith("bleu,real,32,100", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.StartsWith("bleu,GPT-4,0,", StringComparison.Ordinal));

        // The significance tests read the hosted runs' test translations as any run's.
        var real32 = grid.Single(r => r.Condition == "real" && r.TrainSize == 32 && r.Seed == 1);
        var comparison = await host.Services.GetRequiredService<IRunComparisonService>().CompareAsync(real32.Id, [zeroShot.Id], ComparisonOptions.Default with { Resamples = 100, Trials = 100 }, CancellationToken.None);
        Assert.Equal(2, comparison.Rows.Count);
        Assert.Equal(references.Count, comparison.Segments);

        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(workbench.Root, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Key, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.True(server.Calls.All(c => c.Authorization == "Bearer " + Key), "every call to the provider carries the key");
        Assert.DoesNotContain(Key, logs.Text, StringComparison.Ordinal);
        Assert.Contains("Fine-tuning job ftjob-", logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_stopped_after_the_jobs_were_created_resumes_them_without_a_second_upload_or_job()
    {
        await using var server = new FakeOpenAiServer { PollsToFinish = int.MaxValue };
        server.Chat = _ => FakeReply.Success("A translation.");
        int id;
        using (var first = workbench.Build(Settings(server)))
        {
            await first.StartAsync();
            var service = first.Services.GetRequiredService<IExperimentService>();
            id = await service.CreateAsync(Spec, CancellationToken.None);
            await service.StartAsync(id, CancellationToken.None);
            await WaitUntilAsync(() => server.JobsCreated == 4 && server.Jobs.All(j => j.Polls > 0), "every job created and polled");
            await first.StopAsync();
        }

        var stopped = await RunsAsync(workbench.Build(Settings(server)), id, dispose: true);
        Assert.All(stopped.Where(r => r.Role == RunRole.Grid), r => Assert.Equal(RunStatus.Queued, r.Status));
        Assert.Equal(0, server.JobsCancelled);

        server.PollsToFinish = 1;
        using var second = workbench.Build(Settings(server));
        await second.StartAsync();
        var report = await second.Services.GetRequiredService<IExperimentService>().RunToCompletionAsync(id, null, CancellationToken.None);

        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var runs = await RunsAsync(second, id);
        Assert.All(runs, r => Assert.True(r.Status == RunStatus.Completed, $"run {r.Id}: {r.Status} {r.Message}"));
        Assert.Equal(stopped.Select(r => r.Id), runs.Select(r => r.Id));
        Assert.Equal((4, 4, 0), (server.Uploads, server.JobsCreated, server.JobsCancelled));
        Assert.Equal(4, server.CountOf("POST", "/files"));
        await second.StopAsync();
    }

    [Fact]
    public async Task A_cancel_request_in_the_database_cancels_the_runs_and_their_provider_jobs()
    {
        await using var server = new FakeOpenAiServer { PollsToFinish = int.MaxValue };
        server.Chat = _ => FakeReply.Success("A translation.");
        using var host = workbench.Build(Settings(server));
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec with { Sizes = [16], RealFractions = [1.0] }, CancellationToken.None);
        await service.StartAsync(id, CancellationToken.None);
        await WaitUntilAsync(() => server.JobsCreated == 1 && server.Jobs[0].Polls > 0, "the job created and polled");
        var run = Assert.Single(await RunsAsync(host, id), r => r.Role == RunRole.Grid);

        // What the run page shows live: the provider's job and its status, on the hosted model.
        var monitor = host.Services.GetRequiredService<IRunMonitor>();
        RunSnapshot? Live()
        {
            using var observation = monitor.Observe(run.Id, _ => { });
            return observation?.Snapshot;
        }

        await WaitUntilAsync(() => Live()?.PhaseMessage?.Contains($"Fine-tuning job {server.Jobs[0].Id}: running", StringComparison.Ordinal) == true, "the job's status on the run's live state");
        Assert.Equal("hosted: gpt-35-turbo-0125 (OpenAICompatible)", Live()!.Device);

        // As `regurgitate runs cancel` in another process does: only the database is told.
        Assert.True(await host.Services.GetRequiredService<RunLeases>().RequestCancelAsync(run.Id, CancellationToken.None));
        var status = await host.Services.GetRequiredService<IRunLauncher>().WhenFinishedAsync(run.Id, CancellationToken.None);

        Assert.Equal(RunStatus.Cancelled, status);
        Assert.Equal((1, "cancelled"), (server.JobsCancelled, server.Jobs[0].Status));
        var cancelled = Assert.Single(await RunsAsync(host, id), r => r.Id == run.Id);
        Assert.Contains($"the provider's job {server.Jobs[0].Id} was cancelled too", cancelled.Message, StringComparison.Ordinal);

        // The experiment, started in the background, ends with its grid (its last write must not outlive the host).
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        bool Finished()
        {
            using var context = factory.CreateDbContext();
            return context.Experiments.AsNoTracking().Single(e => e.Id == id).Status == ExperimentStatus.Finished;
        }

        await WaitUntilAsync(Finished, "the experiment to finish");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_grid_estimated_over_the_budget_queues_nothing_and_says_so()
    {
        await using var server = new FakeOpenAiServer();
        using var host = workbench.Build(new Dictionary<string, string?>(Settings(server)) { ["Regurgitate:HostedFineTuning:Budget"] = "0.0001" });
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec, CancellationToken.None);

        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Stopped, report.Status);
        Assert.Contains("more than Regurgitate:HostedFineTuning:Budget (0.00); nothing was queued", report.Message, StringComparison.Ordinal);
        Assert.Empty(await RunsAsync(host, id));
        Assert.Empty(server.Calls);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_hosted_spec_on_a_host_without_a_provider_is_refused_naming_the_keys()
    {
        using var host = workbench.Build();
        await host.StartAsync();

        var refused = await Assert.ThrowsAsync<ExperimentSpecException>(() => host.Services.GetRequiredService<IExperimentService>().CreateAsync(Spec, CancellationToken.None));

        Assert.Contains(refused.Errors, e => e.Field == "hosted" && e.Message.Contains("Regurgitate:HostedFineTuning:Endpoint", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Message.Contains("Regurgitate:Llm:ApiKey", StringComparison.Ordinal));
        await host.StopAsync();
    }

    private static Dictionary<string, string?> Settings(FakeOpenAiServer server)
    {
        var endpoint = new Uri(server.Root, "v1").ToString();
        return new Dictionary<string, string?>
        {
            ["Regurgitate:Runs:HeartbeatInterval"] = "00:00:00.050",
            ["Regurgitate:Runs:MaxConcurrentHostedRuns"] = "8", // every job of the grid at once, none of them in the one training slot
            ["Regurgitate:Runs:QueuePollInterval"] = "00:00:00.050",
            ["Regurgitate:HostedFineTuning:Endpoint"] = endpoint,
            ["Regurgitate:HostedFineTuning:Provider"] = "OpenAICompatible",
            ["Regurgitate:HostedFineTuning:ApiKey"] = Key,
            ["Regurgitate:HostedFineTuning:PricePer1MTrainingTokens"] = "8",
            ["Regurgitate:HostedFineTuning:PollInterval"] = "00:00:00.010",
            ["Regurgitate:HostedFineTuning:RequestTimeout"] = "00:00:10",
            ["Regurgitate:HostedFineTuning:InitialRetryDelay"] = "00:00:00",
            ["Regurgitate:HostedFineTuning:MaxRetryDelay"] = "00:00:00.010",
            ["Regurgitate:Llm:Endpoint"] = endpoint,
            ["Regurgitate:Llm:Provider"] = "OpenAICompatible",
            ["Regurgitate:Llm:ApiKey"] = Key,
            ["Regurgitate:Llm:InitialRetryDelay"] = "00:00:00",
            ["Regurgitate:Llm:MaxRetryDelay"] = "00:00:00.010",
        };
    }

    /// <summary>The experiment's test set, source to reference, as the runs split it.</summary>
    private static async Task<Dictionary<string, string>> ReferencesAsync(IHost host)
    {
        var config = ExperimentGrid.Expand(Spec).Runs[0].Config;
        var splits = await host.Services.GetRequiredService<CorpusLoader>().LoadSplitsAsync(SplitRequest.From(config), null, CancellationToken.None);
        return splits.Test.ToDictionary(p => p.Source, p => p.Target);
    }

    private static async Task<List<Run>> RunsAsync(IHost host, int experimentId, bool dispose = false)
    {
        try
        {
            await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
            return await context.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).OrderBy(r => r.Id).ToListAsync();
        }
        finally
        {
            if (dispose)
            {
                host.Dispose();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
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
