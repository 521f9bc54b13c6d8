using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Tests.Data;
using static Regurgitate.Engine.Tests.Generation.Llm.LlmBatchTestSupport;
using static Regurgitate.Engine.Tests.Generation.Llm.LlmTestSupport;

namespace Regurgitate.Engine.Tests.Generation.Llm;

public sealed class LlmBatchGenerationTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(LlmProvider.OpenAICompatible)]
    [InlineData(LlmProvider.AzureOpenAI)]
    public async Task A_whole_set_through_one_batch_equals_chat_mode_at_the_batch_price(LlmProvider provider)
    {
        var sources = Sources(5);
        await using var chatServer = new FakeOpenAiServer { Chat = Translate };
        using var chatFolder = new TempFolder();
        var chat = await Collect(new LlmGenerator(Options(chatServer, provider, LlmGenerationMode.Chat), chatFolder.Path).GenerateAsync(sources, null, CancellationToken.None));

        await using var server = new FakeOpenAiServer { Chat = Translate };
        var generator = new LlmGenerator(Options(server, provider), folder.Path);
        var estimate = generator.Estimate(sources);
        var batch = await Collect(generator.GenerateAsync(sources, null, CancellationToken.None));

        Assert.Equal(0, server.CountOf("POST", "/chat/completions"));
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.BatchesCreated);
        var input = server.FileContents.Values.Single(t => t.Contains("\"method\":\"POST\"", StringComparison.Ordinal));
        Assert.Contains(provider == LlmProvider.AzureOpenAI ? "\"url\":\"/chat/completions\"" : "\"url\":\"/v1/chat/completions\"", input, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"gpt-test\"", input, StringComparison.Ordinal);
        Assert.Equal("completed", server.Batches.Single().Status);

        var byRow = chat.ToDictionary(r => r.SourceIndex); // the request hash includes the endpoint, which differs per server
        Assert.Equal(5, batch.Count);
        foreach (var result in batch)
        {
            var twin = byRow[result.SourceIndex];
            Assert.Equal(twin.Text, result.Text);
            Assert.Equal(twin.Provenance.PromptTokens, result.Provenance.PromptTokens);
            Assert.Contains(result.Provenance.RequestHash!, input, StringComparison.Ordinal);
            Assert.Null(result.Failure);
            Assert.Equal(twin.Provenance.Cost / 2, result.Provenance.Cost); // the default batch price is half the chat price
        }

        Assert.True(estimate.Cost > 0);
        Assert.Equal(new LlmGenerator(Options(chatServer, provider, LlmGenerationMode.Chat), folder.Path).Estimate(sources).Cost / 2, estimate.Cost);

        // The parse step and a rerun read the same journal as chat mode: nothing is sent again.
        Assert.Equal(batch.Select(r => r.Text).Order(), LlmGenerator.Parse(folder.Path, generator.Descriptor.Id).Select(r => r.Text).Order());
        var again = await Collect(new LlmGenerator(Options(server, provider), folder.Path).GenerateAsync(sources, null, CancellationToken.None));
        Assert.Equal(5, again.Count);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.BatchesCreated);
    }

    [Fact]
    public async Task Rows_already_in_the_cache_are_not_in_the_uploaded_file()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate };
        var first = await Collect(new LlmGenerator(Options(server, mode: LlmGenerationMode.Chat), folder.Path).GenerateAsync(Sources(2), null, CancellationToken.None));
        var all = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(5), null, CancellationToken.None));

        Assert.Equal(5, all.Count);
        Assert.Equal(2, server.CountOf("POST", "/chat/completions"));
        var input = server.FileContents.Values.Single(t => t.Contains("\"method\":\"POST\"", StringComparison.Ordinal));
        Assert.Equal(3, input.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var cached in first)
        {
            Assert.DoesNotContain(cached.Provenance.RequestHash!, input, StringComparison.Ordinal);
        }

        var paid = LlmJournal.Read(folder.Path).Where(e => e.Response is not null).GroupBy(e => e.Hash);
        Assert.All(paid, g => Assert.Single(g));
        Assert.Equal(5, paid.Count());
    }

    [Fact]
    public async Task A_process_stopped_after_the_batch_was_created_resumes_it_without_a_second_upload_or_batch()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate, PollsToFinish = 4 };
        using var kill = new CancellationTokenSource();
        // "Kill" the first run at its first look at the batch it created: the create is journalled, nothing collected.
        server.Faults = call =>
        {
            if (call.Method == "GET" && call.Route.StartsWith("/batches/", StringComparison.Ordinal))
            {
                kill.Cancel();
            }

            return null;
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, kill.Token)));
        Assert.Equal(1, server.BatchesCreated);
        Assert.Empty(LlmJournal.Read(folder.Path));

        server.Faults = _ => null;
        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None));

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Null(r.Failure));
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.BatchesCreated);
        Assert.Equal(4, LlmJournal.Read(folder.Path).Count(e => e.Response is not null));
    }

    [Fact]
    public async Task A_batch_left_by_a_stopped_run_is_collected_before_anything_new_is_sent_even_for_fewer_sources()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate, PollsToFinish = 3 };
        using var kill = new CancellationTokenSource();
        server.Faults = call =>
        {
            if (call.Method == "GET" && call.Route.StartsWith("/batches/", StringComparison.Ordinal))
            {
                kill.Cancel();
            }

            return null;
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, kill.Token)));
        server.Faults = _ => null;

        // A different set (a file of 3 rows would be a new upload and batch) is answered from the batch already paid for.
        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));

        Assert.Equal(3, results.Count(r => r.Succeeded));
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.BatchesCreated);
    }

    [Fact]
    public async Task A_create_reply_lost_after_the_batch_was_made_is_adopted_not_repeated()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate };
        server.Faults = call => call is { Method: "POST", Route: "/batches", Attempt: 1 } ? FakeOpenAiFault.Truncated : null;

        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));

        Assert.Equal(3, results.Count(r => r.Succeeded));
        Assert.Equal(1, server.BatchesCreated);
        Assert.Equal(1, server.CountOf("GET", "/batches")); // the look before the retry found it
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_on_upload_create_poll_and_download_are_retried()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate };
        server.Faults = call => call switch
        {
            { Method: "POST", Route: "/files", Attempt: 1 } => FakeOpenAiFault.Reply(FakeOpenAiServer.RateLimited(0)),
            { Method: "POST", Route: "/batches", Attempt: 1 } => FakeOpenAiFault.Reply(FakeReply.ServerError(503)),
            { Method: "GET", Route: var r, Attempt: 2 } when r.StartsWith("/batches/", StringComparison.Ordinal) => FakeOpenAiFault.Reply(FakeOpenAiServer.RateLimited(0)),
            { Method: "GET", Route: var r, Attempt: 1 } when r.EndsWith("/content", StringComparison.Ordinal) => FakeOpenAiFault.Reply(FakeReply.ServerError(502)),
            _ => null,
        };

        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));

        Assert.Equal(3, results.Count(r => r.Succeeded));
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.BatchesCreated);
        Assert.Equal(2, server.CountOf("POST", "/batches"));
    }

    [Fact]
    public async Task A_truncated_download_is_fetched_again_and_a_persistently_invalid_line_is_an_error_naming_it()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate };
        server.Faults = call => call.Method == "GET" && call.Route.EndsWith("/content", StringComparison.Ordinal) && call.Attempt == 1 ? FakeOpenAiFault.Truncated : null;
        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None));
        Assert.Equal(4, results.Count(r => r.Succeeded));

        await using var broken = new FakeOpenAiServer { Chat = Translate };
        using var other = new TempFolder();
        broken.Faults = call => call.Method == "GET" && call.Route.EndsWith("/content", StringComparison.Ordinal)
            ? FakeOpenAiFault.Reply(new FakeReply(200, "{\"custom_id\":\"x\",\"response\":null}\n{\"custom_id\": oops\n"))
            : null;
        var error = await Assert.ThrowsAsync<LlmBatchFailedException>(() => Collect(new LlmGenerator(Options(broken), other.Path).GenerateAsync(Sources(2), null, CancellationToken.None)));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("file-result-0001", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("expired")]
    [InlineData("cancelled")]
    public async Task A_batch_that_does_not_complete_is_an_error_naming_its_id_and_status(string status)
    {
        await using var server = new FakeOpenAiServer { Chat = Translate, BatchOutcome = _ => new FakeJobOutcome(status, status == "failed" ? "Quota of enqueued tokens reached." : null) };

        var error = await Assert.ThrowsAsync<LlmBatchFailedException>(() => Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None)));

        Assert.Equal("batch_0001", error.BatchId);
        Assert.Equal(status, error.Status);
        Assert.Contains($"Batch batch_0001 ended with status {status}", error.Message, StringComparison.Ordinal);
        var answered = LlmJournal.Read(folder.Path).Count(e => e.Response is not null);
        Assert.Equal(status == "failed" ? 0 : 2, answered); // expired and cancelled batches keep what they answered
        if (status == "failed")
        {
            Assert.Contains("Quota of enqueued tokens reached.", error.Message, StringComparison.Ordinal);
            var again = await Assert.ThrowsAsync<LlmBatchFailedException>(() => Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None)));
            Assert.Contains("journalled", again.Message, StringComparison.Ordinal);
            Assert.Equal(1, server.BatchesCreated);
            return;
        }

        // The next run sends only the rows the ended batch did not answer.
        server.BatchOutcome = _ => new FakeJobOutcome("completed");
        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None));
        Assert.Equal(4, results.Count(r => r.Succeeded));
        Assert.Equal(2, server.BatchesCreated);
        Assert.Equal(2, server.Batches[1].Lines.Count);
    }

    [Fact]
    public async Task A_rejected_input_file_is_an_error_and_nothing_is_batched()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate, RejectFile = _ => "Invalid file format for Batch API." };

        var error = await Assert.ThrowsAsync<LlmBatchFailedException>(() => Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(2), null, CancellationToken.None)));

        Assert.Contains("Invalid file format for Batch API.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.BatchesCreated);
    }

    [Fact]
    public async Task Rows_the_batch_could_not_answer_are_reported_with_the_providers_message_and_sent_again_next_time()
    {
        string? unlucky = null;
        await using var server = new FakeOpenAiServer { Chat = Translate };
        server.BatchRowError = id => (unlucky ??= id) == id ? "The model is overloaded." : null;

        var results = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));

        var failed = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(unlucky, failed.Provenance.RequestHash);
        Assert.Contains("batch_error: server_error: The model is overloaded.", failed.Failure, StringComparison.Ordinal);

        server.BatchRowError = _ => null;
        var again = await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));
        Assert.Equal(3, again.Count(r => r.Succeeded));
        Assert.Single(server.Batches[1].Lines);
    }

    [Fact]
    public async Task The_budget_is_checked_at_the_batch_price_before_anything_is_sent()
    {
        await using var server = new FakeOpenAiServer { Chat = Translate };
        var options = Options(server);
        var estimate = new LlmGenerator(options, folder.Path).Estimate(Sources(4)).Cost;
        options.Budget = estimate * 0.9m;

        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None)));
        Assert.Equal(0, server.Uploads);

        options.Budget = estimate; // the chat price would not fit (twice as dear), the batch price does
        Assert.Equal(4, (await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(4), null, CancellationToken.None))).Count);
    }

    [Fact]
    public void Batch_options_are_validated_with_their_keys()
    {
        var options = new LlmGeneratorOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1/v1"), Provider = LlmProvider.OpenAICompatible, Model = "m", ApiKey = "k",
            Mode = LlmGenerationMode.Batch, BatchPollInterval = TimeSpan.Zero, PricePer1kInputTokensBatch = -1,
        };

        var errors = LlmGeneratorOptionsValidator.Errors(options);

        Assert.Contains(errors, e => e.StartsWith("Regurgitate:Llm:BatchPollInterval", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Regurgitate:Llm:PricePer1kInputTokensBatch", StringComparison.Ordinal));
        Assert.Contains(LlmGeneratorOptionsValidator.Errors(new LlmGeneratorOptions { Mode = (LlmGenerationMode)7 }), e => e.StartsWith("Regurgitate:Llm:Mode", StringComparison.Ordinal));
    }
}
