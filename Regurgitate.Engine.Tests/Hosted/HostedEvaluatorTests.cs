using System.Text.Json;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Hosted;
using Regurgitate.Engine.Tests.Data;
using static Regurgitate.Engine.Tests.Hosted.HostedTestSupport;

namespace Regurgitate.Engine.Tests.Hosted;

public sealed class HostedEvaluatorTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_fine_tuned_model_translates_the_test_set_through_the_cached_generator_and_is_scored()
    {
        await using var server = new FakeOpenAiServer();
        // Only the fine-tuned model translates well; anything else answers nonsense, so the score tells which model ran.
        server.Chat = call => FakeReply.Success(Model(call.Body) == "ft:gpt-35-turbo-0125:regurgitate::ftjob-0001" ? Translate(User(call.Body)) : "nonsense");
        var options = Options(server);
        HostedFineTuningResult result;
        await using (var backend = new HostedFineTuningBackend(options, folder.Path))
        {
            result = await backend.RunAsync(Job(), null, CancellationToken.None);
        }

        var chat = Chat(server, LlmProvider.OpenAICompatible);
        var test = Pairs(6, tag: " test");

        var scored = await HostedEvaluator.EvaluateAsync(options, chat, result, test, folder.Path, null, CancellationToken.None);
        var chatCalls = server.CountOf("POST", "/chat/completions");
        var again = await HostedEvaluator.EvaluateAsync(options, chat, result, test, folder.Path, null, CancellationToken.None);

        Assert.Equal(100, scored.Bleu.Score, 6);
        Assert.Equal((6, 0), (scored.Sentences, scored.Failed));
        Assert.True(scored.ChrF.Score > 99);
        Assert.Equal(6, chatCalls);
        Assert.Equal(chatCalls, server.CountOf("POST", "/chat/completions")); // the rerun is answered from the journal
        Assert.Equal(scored.Bleu.Format(withSignature: true), again.Bleu.Format(withSignature: true));
        // Trained with the same prompt it is evaluated with.
        Assert.Contains(server.Calls, c => c.Route == "/chat/completions" && User(c.Body).EndsWith("German: Satz Nummer 0 test.", StringComparison.Ordinal));
        var journal = await File.ReadAllTextAsync(Path.Combine(scored.GenerationDirectory, LlmJournal.FileName));
        Assert.DoesNotContain(CanaryKey, journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluation_stopped_midway_resumes_paying_only_for_the_missing_sentences()
    {
        await using var server = new FakeOpenAiServer();
        using var stop = new CancellationTokenSource();
        var answered = 0;
        server.Chat = call =>
        {
            if (Interlocked.Increment(ref answered) == 3)
            {
                stop.Cancel();
            }

            return FakeReply.Success(Translate(User(call.Body)));
        };
        var options = Options(server);
        var result = new HostedFineTuningResult("real/1000/seed1", "file-0001", "ftjob-0001", "ft:gpt-35-turbo-0125:regurgitate::ftjob-0001", 100, 0.01m);
        var chat = Chat(server, LlmProvider.OpenAICompatible);
        var test = Pairs(12);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HostedEvaluator.EvaluateAsync(options, chat, result, test, folder.Path, null, stop.Token));
        var beforeResume = server.CountOf("POST", "/chat/completions");
        var scored = await HostedEvaluator.EvaluateAsync(options, chat, result, test, folder.Path, null, CancellationToken.None);

        Assert.InRange(beforeResume, 3, 11);
        Assert.Equal(12, server.CountOf("POST", "/chat/completions")); // every sentence paid for once
        Assert.Equal(100, scored.Bleu.Score, 6);
    }

    [Fact]
    public async Task On_Azure_the_deployment_named_by_the_pattern_translates_and_failures_score_as_empty()
    {
        await using var server = new FakeOpenAiServer();
        server.Chat = call => User(call.Body).Contains("Nummer 2", StringComparison.Ordinal)
            ? FakeReply.BadRequest("Invalid prompt.")
            : FakeReply.Success(Translate(User(call.Body)));
        var options = Options(server, LlmProvider.AzureOpenAI);
        options.EvaluationDeploymentPattern = "ft-{job}";
        var result = new HostedFineTuningResult("real/1000/seed1", "file-0001", "ftjob-0042", "gpt-35-turbo-0125.ft-abc", 100, 0.01m);

        var scored = await HostedEvaluator.EvaluateAsync(options, Chat(server, LlmProvider.AzureOpenAI), result, Pairs(4), folder.Path, null, CancellationToken.None);

        Assert.Equal("ft-ftjob-0042", scored.Deployment);
        Assert.Equal(4, server.CountOf("POST", "/deployments/ft-ftjob-0042/chat/completions"));
        Assert.Equal(1, scored.Failed);
        Assert.InRange(scored.Bleu.Score, 1, 99.999);
    }

    private static LlmGeneratorOptions Chat(FakeOpenAiServer server, LlmProvider provider) => new()
    {
        Endpoint = provider == LlmProvider.AzureOpenAI ? server.Root : new Uri(server.Root, "v1"),
        Provider = provider,
        Model = "unused: replaced by the fine-tuned model",
        ApiKey = CanaryKey,
        MaxRetries = 1,
        RequestTimeout = TimeSpan.FromSeconds(5),
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private static string Model(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "";
    }

    private static string User(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString() ?? "").Single();
    }

    /// <summary>"…German: Satz Nummer 3 test." → "Sentence number 3 test." (the reference of <see cref="HostedTestSupport.Pairs"/>).</summary>
    private static string Translate(string prompt)
    {
        var at = prompt.IndexOf("Satz Nummer ", StringComparison.Ordinal);
        return at < 0 ? "?" : "Sentence number " + prompt[(at + "Satz Nummer ".Length)..];
    }
}
