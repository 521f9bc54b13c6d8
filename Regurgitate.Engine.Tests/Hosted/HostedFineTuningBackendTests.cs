using System.Text.Json;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Hosted;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;
using static Regurgitate.Engine.Tests.Hosted.HostedTestSupport;

namespace Regurgitate.Engine.Tests.Hosted;

public sealed class HostedFineTuningBackendTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Uploads_the_pairs_as_chat_jsonl_creates_the_job_with_the_spec_hyperparameters_and_returns_the_fine_tuned_model()
    {
        await using var server = new FakeOpenAiServer { FileProcessingPolls = 2 };
        var events = new List<HostedFineTuningProgress>();
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);

        var result = await backend.RunAsync(Job(seed: 7), new SynchronousProgress<HostedFineTuningProgress>(events.Add), CancellationToken.None);

        Assert.Equal("ft:gpt-35-turbo-0125:regurgitate::ftjob-0001", result.FineTunedModel);
        Assert.Equal("ftjob-0001", result.JobId);
        Assert.Equal("file-0001", result.FileId);
        var lines = server.FileContents["file-0001"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            var messages = first.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["system", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
            Assert.Equal(LlmGeneratorOptions.DefaultSystemPrompt, messages[0].GetProperty("content").GetString());
            Assert.EndsWith("German: Satz Nummer 0.", messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
            Assert.Equal("Sentence number 0.", messages[2].GetProperty("content").GetString());
        }

        var request = server.Jobs.Single().Request;
        Assert.Equal("gpt-35-turbo-0125", (string?)request["model"]);
        Assert.Equal("file-0001", (string?)request["training_file"]);
        Assert.Equal(7, (int?)request["seed"]);
        Assert.Equal(2, (int?)request["hyperparameters"]!["n_epochs"]);
        Assert.Equal(4, (int?)request["hyperparameters"]!["batch_size"]);
        Assert.Equal(0.5, (double?)request["hyperparameters"]!["learning_rate_multiplier"]);

        // Trained tokens as the provider reports them (one pass × 2 epochs), priced per million.
        var trained = server.Jobs.Single().TrainingTokens * 2;
        Assert.Equal(trained, result.TrainedTokens);
        Assert.Equal(trained * 8m / 1_000_000m, result.Cost);
        Assert.Contains(events, e => e.Stage == HostedFineTuningProgress.EventStage && e.Message == "Job succeeded.");
        Assert.Contains(events, e => e.Stage == HostedFineTuningProgress.JobStage && e.Status == "running");
        Assert.True(server.CountOf("GET", "/files/file-0001") >= 2, "the file is looked at until processed");

        var rows = HostedJournal.Read(folder.Path);
        Assert.Equal(
            ["upload sent", "upload accepted", "upload processed", "job sent", "job accepted", "job succeeded"],
            rows.Select(r => $"{r.Kind} {r.Phase}"));
        Assert.All(rows, r => Assert.Equal(64, r.Hash.Length));
        Assert.Equal(Job(seed: 7).Label, rows[0].Label);
    }

    [Fact]
    public async Task The_api_key_reaches_the_server_but_never_the_journal_or_a_failure_message()
    {
        await using var server = new FakeOpenAiServer
        {
            // A provider that echoes the key in its error message must not get it into the journal.
            Outcome = _ => FakeJobOutcome.Failed($"Training data invalid (request by key {CanaryKey})."),
        };
        await using (var backend = new HostedFineTuningBackend(Options(server), folder.Path))
        {
            var failure = await Assert.ThrowsAsync<HostedFineTuningException>(() => backend.RunAsync(Job(), null, CancellationToken.None));
            Assert.DoesNotContain(CanaryKey, failure.Message, StringComparison.Ordinal);
            Assert.Contains("[redacted]", failure.Message, StringComparison.Ordinal);
        }

        Assert.All(server.Calls, c => Assert.Equal("Bearer " + CanaryKey, c.Authorization));
        var journal = await File.ReadAllTextAsync(Path.Combine(folder.Path, HostedJournal.FileName));
        Assert.Contains("ftjob-0001", journal, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_calls_go_under_openai_with_the_api_version_and_the_api_key_header()
    {
        await using var server = new FakeOpenAiServer();
        var options = Options(server, LlmProvider.AzureOpenAI);
        await using var backend = new HostedFineTuningBackend(options, folder.Path);

        var result = await backend.RunAsync(Job(), null, CancellationToken.None);

        Assert.Equal("ftjob-0001", result.JobId);
        Assert.All(server.Calls, c =>
        {
            Assert.Contains("api-version=2024-10-21", c.Query, StringComparison.Ordinal);
            Assert.Equal(CanaryKey, c.ApiKeyHeader);
        });
        Assert.Equal(1, server.CountOf("POST", "/files"));
    }

    [Fact]
    public async Task The_estimate_prices_new_jobs_and_skips_journalled_ones()
    {
        await using var server = new FakeOpenAiServer();
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);
        var first = Job("a", pairs: 5);
        var second = Job("b", pairs: 10, tag: "b");

        var before = backend.Estimate([first, second]);
        Assert.Equal(2, before.Jobs);
        Assert.Equal(0, before.Journalled);
        Assert.Equal(before.TrainingTokens * 8m / 1_000_000m, before.Cost);
        Assert.True(before.TrainingTokens > 0);

        var result = await backend.RunAsync(first, null, CancellationToken.None);
        var after = backend.Estimate([first, second]);

        Assert.Equal(1, after.Journalled);
        Assert.True(after.Cost < before.Cost);
        Assert.Equal(result.Cost, after.Spent);
        Assert.Equal(0, server.JobsCreated - 1);
    }

    [Fact]
    public async Task The_budget_refuses_a_job_beyond_it_before_anything_is_uploaded()
    {
        await using var server = new FakeOpenAiServer();
        var options = Options(server);
        await using var backend = new HostedFineTuningBackend(options, folder.Path);
        var estimate = backend.Estimate([Job("a")]).Cost;
        options.Budget = estimate * 1.5m; // room for one job, not two

        await backend.RunAsync(Job("a"), null, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<HostedBudgetExceededException>(() => backend.RunAsync(Job("b", tag: "b"), null, CancellationToken.None));

        Assert.Equal("b", refused.Label);
        Assert.Contains("Regurgitate:HostedFineTuning:Budget", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.JobsCreated);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_key_named()
    {
        var options = new HostedFineTuningOptions
        {
            Endpoint = new Uri("http://example.com/"), BaseModel = "", PromptTemplate = "no placeholder", Epochs = 0,
            Budget = 5, EvaluationDeploymentPattern = "fixed",
        };

        var error = Assert.Throws<OptionsValidationException>(() => new HostedFineTuningBackend(options, folder.Path));

        foreach (var key in new[] { "Endpoint", "ApiKey", "BaseModel", "PromptTemplate", "Epochs", "Budget", "EvaluationDeploymentPattern" })
        {
            Assert.Contains(error.Failures, f => f.Contains($"{HostedFineTuningOptions.SectionName}:{key}", StringComparison.Ordinal));
        }
    }
}
