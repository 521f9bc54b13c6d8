using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;
using Regurgitate.Engine.Tests.TestSupport;
using static Regurgitate.Engine.Tests.Generation.Llm.LlmTestSupport;

namespace Regurgitate.Engine.Tests.Generation.Llm;

public sealed class LlmGeneratorTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(LlmProvider.AzureOpenAI)]
    [InlineData(LlmProvider.OpenAICompatible)]
    public async Task Translates_through_the_sdk_with_usage_cost_and_journal(LlmProvider provider)
    {
        await using var server = new FakeChatServer(Echo);
        var generator = new LlmGenerator(Options(server, provider), folder.Path);
        var results = await Collect(generator.GenerateAsync(Sources(3), null, CancellationToken.None));

        Assert.Equal([0, 10, 20], results.Select(r => r.SourceIndex).Order());
        foreach (var result in results)
        {
            Assert.Equal($"The sentence {result.SourceIndex / 10}.", result.Text);
            Assert.Null(result.Failure);
            Assert.Equal(10, result.Provenance.PromptTokens);
            Assert.Equal(5, result.Provenance.CompletionTokens);
            Assert.Equal((10 * 0.5m / 1000) + (5 * 1.5m / 1000), result.Provenance.Cost);
            Assert.Equal(64, result.Provenance.RequestHash!.Length);
        }

        var request = server.Requests.First();
        if (provider == LlmProvider.AzureOpenAI)
        {
            Assert.Equal("/openai/deployments/gpt-test/chat/completions", request.Path);
            Assert.Equal(CanaryKey, request.ApiKeyHeader);
        }
        else
        {
            Assert.Equal("/v1/chat/completions", request.Path);
            Assert.Equal("Bearer " + CanaryKey, request.Authorization);
            Assert.Contains("\"model\":\"gpt-test\"", request.Body, StringComparison.Ordinal);
        }

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder.Path, LlmJournal.FileName)).Length);
    }

    [Fact]
    public async Task Honours_retry_after_on_429_waiting_on_the_time_provider_not_the_wall_clock()
    {
        var time = new TimerCountingTimeProvider(new FakeTimeProvider());
        var sentAt = new List<DateTimeOffset>();
        await using var server = new FakeChatServer(r =>
        {
            lock (sentAt)
            {
                sentAt.Add(time.GetUtcNow());
            }

            return r.Attempt == 1 ? FakeReply.RateLimited(20_000) : Echo(r);
        });
        var options = Options(server);
        options.MaxRetryDelay = TimeSpan.FromMinutes(1);
        var generator = new LlmGenerator(options, folder.Path, null, null, time);
        var wall = Stopwatch.StartNew();
        var generation = Collect(generator.GenerateAsync(Sources(1), null, CancellationToken.None));

        // Timer 1 is the first attempt's timeout, timer 2 the wait the server asked for.
        await time.WhenTimersCreated(2).WaitAsync(TimeSpan.FromSeconds(30));
        time.Clock.Advance(TimeSpan.FromSeconds(20));
        var result = Assert.Single(await generation.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("The sentence 0.", result.Text);
        Assert.Equal(2, sentAt.Count);
        Assert.Equal(TimeSpan.FromSeconds(20), sentAt[1] - sentAt[0]);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(15), $"took {wall.Elapsed} of wall-clock time");
        Assert.Equal(2, LlmJournal.Read(folder.Path).Single().Attempts);
    }

    [Fact]
    public async Task A_retry_after_date_is_measured_against_the_generators_clock()
    {
        var time = new TimerCountingTimeProvider(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));
        var sentAt = new List<DateTimeOffset>();
        await using var server = new FakeChatServer(r =>
        {
            lock (sentAt)
            {
                sentAt.Add(time.GetUtcNow());
            }

            var retryAt = time.GetUtcNow().AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return r.Attempt == 1 ? new FakeReply(429, """{"error":{"code":"429"}}""", new Dictionary<string, string> { ["Retry-After"] = retryAt }) : Echo(r);
        });
        var options = Options(server);
        options.MaxRetryDelay = TimeSpan.FromMinutes(1);
        var generation = Collect(new LlmGenerator(options, folder.Path, null, null, time).GenerateAsync(Sources(1), null, CancellationToken.None));

        await time.WhenTimersCreated(2).WaitAsync(TimeSpan.FromSeconds(30));
        time.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(await generation.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(TimeSpan.FromSeconds(30), sentAt[1] - sentAt[0]);
    }

    [Fact]
    public async Task Retries_server_errors_and_timeouts_then_succeeds()
    {
        await using var server = new FakeChatServer(r => r.Attempt switch
        {
            1 => FakeReply.ServerError(500),
            2 => FakeReply.Hang(TimeSpan.FromSeconds(30)),
            3 => FakeReply.ServerError(503),
            _ => Echo(r),
        });
        var generator = new LlmGenerator(Options(server), folder.Path);
        var result = Assert.Single(await Collect(generator.GenerateAsync(Sources(1), null, CancellationToken.None)));

        Assert.Equal("The sentence 0.", result.Text);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_exhausted_transient_failures_are_retried_on_the_next_run()
    {
        var healthy = false;
        await using var server = new FakeChatServer(r => healthy ? Echo(r) : FakeReply.ServerError(503));
        var options = Options(server);
        var first = Assert.Single(await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(1), null, CancellationToken.None)));

        Assert.Null(first.Text);
        Assert.StartsWith(LlmFailureKinds.ServerError + ": HTTP 503", first.Failure, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", first.Failure, StringComparison.Ordinal);
        Assert.Equal(options.MaxRetries + 1, server.Requests.Count);

        healthy = true;
        var second = Assert.Single(await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(1), null, CancellationToken.None)));
        Assert.Equal("The sentence 0.", second.Text);
        Assert.Equal(options.MaxRetries + 2, server.Requests.Count);
    }

    [Fact]
    public async Task Malformed_replies_are_retried_then_recorded_as_final_failures()
    {
        await using var server = new FakeChatServer(_ => FakeReply.Malformed());
        var options = Options(server);
        var result = Assert.Single(await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(1), null, CancellationToken.None)));

        Assert.StartsWith(LlmFailureKinds.Malformed, result.Failure, StringComparison.Ordinal);
        Assert.Null(result.Text);
        Assert.Equal(options.MaxRetries + 1, server.Requests.Count);

        await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(1), null, CancellationToken.None));
        Assert.Equal(options.MaxRetries + 1, server.Requests.Count);
    }

    [Fact]
    public async Task Refusals_filters_bad_requests_and_empty_replies_are_failures_without_retry()
    {
        await using var server = new FakeChatServer(r => Translate(r.UserMessage) switch
        {
            "The sentence 0." => FakeReply.ContentFilterError(),
            "The sentence 1." => FakeReply.Success("", finishReason: "content_filter"),
            "The sentence 2." => FakeReply.Success("   "),
            "The sentence 3." => FakeReply.Success(null!, refusal: "I can't help with that."),
            "The sentence 4." => FakeReply.BadRequest(),
            "The sentence 5." => FakeReply.Success("The sentence", finishReason: "length"),
            _ => Echo(r),
        });
        var results = (await Collect(new LlmGenerator(Options(server), folder.Path).GenerateAsync(Sources(7), null, CancellationToken.None)))
            .ToDictionary(r => r.SourceIndex / 10);

        Assert.Equal(7, server.Requests.Count);
        Assert.StartsWith(LlmFailureKinds.ContentFilter + ": HTTP 400", results[0].Failure, StringComparison.Ordinal);
        Assert.StartsWith(LlmFailureKinds.ContentFilter + ":", results[1].Failure, StringComparison.Ordinal);
        Assert.StartsWith(LlmFailureKinds.Empty, results[2].Failure, StringComparison.Ordinal);
        Assert.StartsWith(LlmFailureKinds.Refusal + ": I can't", results[3].Failure, StringComparison.Ordinal);
        Assert.StartsWith(LlmFailureKinds.BadRequest + ": HTTP 400", results[4].Failure, StringComparison.Ordinal);
        Assert.StartsWith(LlmFailureKinds.Truncated, results[5].Failure, StringComparison.Ordinal);
        Assert.Equal("The sentence 6.", results[6].Text);
        Assert.All(results.Values.Where(r => r.SourceIndex < 60), r => Assert.Null(r.Text));
    }

    [Fact]
    public async Task Unauthorized_stops_the_generation_naming_the_key_setting_not_its_value()
    {
        await using var server = new FakeChatServer(_ => new FakeReply(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{CanaryKey}}}.","code":"invalid_api_key"}}"""));
        var generator = new LlmGenerator(Options(server), folder.Path);
        var error = await Assert.ThrowsAsync<LlmGenerationAbortedException>(() => Collect(generator.GenerateAsync(Sources(20), null, CancellationToken.None)));

        Assert.Contains("Regurgitate:Llm:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(401, error.Status);
        Assert.InRange(server.Requests.Count, 1, 2);
    }

    [Fact]
    public async Task The_api_key_never_reaches_the_journal_descriptor_or_failures()
    {
        await using var server = new FakeChatServer(r => r.UserMessage.Contains("Nummer 0", StringComparison.Ordinal)
            ? FakeReply.BadRequest($"Key {CanaryKey} may not do this.")
            : Echo(r));
        var generator = new LlmGenerator(Options(server), folder.Path);
        var results = await Collect(generator.GenerateAsync(Sources(2), null, CancellationToken.None));

        Assert.All(server.Requests, r => Assert.Equal(CanaryKey, r.ApiKeyHeader));
        var failure = results.Single(r => r.SourceIndex == 0).Failure!;
        Assert.Contains("[redacted]", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, File.ReadAllText(Path.Combine(folder.Path, LlmJournal.FileName)), StringComparison.Ordinal);
        Assert.DoesNotContain(generator.Descriptor.Settings, kv => kv.Value.Contains(CanaryKey, StringComparison.Ordinal) || kv.Key.Equals("apiKey", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(CanaryKey, generator.Descriptor.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_after_cancellation_never_sends_a_request_twice()
    {
        await using var server = new FakeChatServer(r => FakeReply.Success(Translate(r.UserMessage), delay: TimeSpan.FromMilliseconds(40)));
        var options = Options(server);
        options.MaxConcurrency = 3;
        var sources = Sources(12);
        using var cancel = new CancellationTokenSource();
        var firstRun = new List<GeneratedTranslation>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var result in new LlmGenerator(options, folder.Path).GenerateAsync(sources, null, cancel.Token))
            {
                firstRun.Add(result);
                if (firstRun.Count == 4)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        var afterFirst = server.Requests.Count;
        Assert.InRange(afterFirst, 4, 11);
        Assert.Equal(afterFirst, LlmJournal.Read(folder.Path).Count);

        var secondRun = await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(sources, null, CancellationToken.None));

        Assert.Equal(12, secondRun.Count);
        Assert.All(secondRun, r => Assert.Equal($"The sentence {r.SourceIndex / 10}.", r.Text));
        Assert.Equal(12, server.Requests.Count);
        Assert.All(server.CountsByHash.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Repeating_a_generation_hits_the_cache_and_changing_a_parameter_misses_it()
    {
        await using var server = new FakeChatServer(Echo);
        var options = Options(server);
        await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));
        var again = await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, again.Count(r => r.Succeeded));

        options.Temperature = 0.7;
        await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));
        Assert.Equal(6, server.Requests.Count);
        Assert.Contains("\"temperature\":0.7", server.Requests.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_per_source_are_separate_requests_with_separate_keys()
    {
        await using var server = new FakeChatServer(Echo);
        var options = Options(server);
        options.SamplesPerSource = 3;
        var results = await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(2), null, CancellationToken.None));

        Assert.Equal(6, results.Count);
        Assert.Equal([0, 1, 2], results.Where(r => r.SourceIndex == 10).Select(r => r.Sample).Order());
        Assert.Equal(6, results.Select(r => r.Provenance.RequestHash).Distinct().Count());
        Assert.Equal(6, server.CountsByHash.Count);
    }

    [Fact]
    public async Task Budget_stops_gracefully_and_a_larger_budget_resumes()
    {
        // Each reply costs 500/1000 × 1 + 500/1000 × 1 = 1.0.
        await using var server = new FakeChatServer(r => FakeReply.Success(Translate(r.UserMessage), promptTokens: 500, completionTokens: 500));
        var options = Options(server);
        options.PricePer1kInputTokens = 1m;
        options.PricePer1kOutputTokens = 1m;
        options.MaxConcurrency = 1;
        options.Budget = 3.5m;
        var yielded = new List<GeneratedTranslation>();
        var error = await Assert.ThrowsAsync<LlmBudgetExceededException>(async () =>
        {
            await foreach (var result in new LlmGenerator(options, folder.Path).GenerateAsync(Sources(10), null, CancellationToken.None))
            {
                yielded.Add(result);
            }
        });

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, yielded.Count);
        Assert.Equal(3, error.Completed);
        Assert.Equal(10, error.Total);
        Assert.Equal(3.0m, error.Spent);
        Assert.Contains("Regurgitate:Llm:Budget", error.Message, StringComparison.Ordinal);

        options.Budget = 100m;
        var resumed = await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(10), null, CancellationToken.None));
        Assert.Equal(10, resumed.Count);
        Assert.Equal(10, server.Requests.Count);
    }

    [Fact]
    public async Task Concurrency_limit_is_respected()
    {
        await using var server = new FakeChatServer(r => FakeReply.Success(Translate(r.UserMessage), delay: TimeSpan.FromMilliseconds(60)));
        var options = Options(server);
        options.MaxConcurrency = 3;
        var results = await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(12), null, CancellationToken.None));

        Assert.Equal(12, results.Count);
        Assert.InRange(server.MaxConcurrent, 2, 3);
    }

    [Fact]
    public async Task Progress_counts_cached_and_live_results_and_cost()
    {
        await using var server = new FakeChatServer(Echo);
        var options = Options(server);
        await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(2), null, CancellationToken.None));
        var reports = new List<GenerationProgress>();
        await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(4), new SynchronousProgress<GenerationProgress>(reports.Add), CancellationToken.None));

        Assert.Equal(4, reports.Count);
        Assert.Equal(4, reports[^1].Completed);
        Assert.Equal(4, reports[^1].Total);
        Assert.Equal(0, reports[^1].Failed);
        Assert.Equal(4 * ((10 * 0.5m / 1000) + (5 * 1.5m / 1000)), reports[^1].Cost);
    }

    [Fact]
    public async Task Estimate_prices_only_what_is_not_journalled()
    {
        await using var server = new FakeChatServer(Echo);
        var generator = new LlmGenerator(Options(server), folder.Path);
        var before = generator.Estimate(Sources(4));
        Assert.Equal(4, before.Requests);
        Assert.Equal(0, before.Cached);
        Assert.True(before.InputTokens > 4 * 10);
        Assert.True(before.Cost > 0 && before.WorstCaseCost > before.Cost);

        await Collect(generator.GenerateAsync(Sources(2), null, CancellationToken.None));
        var after = generator.Estimate(Sources(4));
        Assert.Equal(2, after.Cached);
        Assert.Equal(before.Cost / 2, after.Cost);
        Assert.Equal(2 * ((10 * 0.5m / 1000) + (5 * 1.5m / 1000)), after.Spent);
    }

    [Fact]
    public async Task A_truncated_last_journal_line_is_ignored_and_the_parse_step_reruns_offline()
    {
        await using var server = new FakeChatServer(Echo);
        var options = Options(server);
        var generator = new LlmGenerator(options, folder.Path);
        await Collect(generator.GenerateAsync(Sources(3), null, CancellationToken.None));
        var journalPath = Path.Combine(folder.Path, LlmJournal.FileName);
        File.AppendAllText(journalPath, "{\"v\":1,\"hash\":\"abc");

        var parsed = LlmGenerator.Parse(folder.Path, generator.Descriptor.Id);
        Assert.Equal(["The sentence 0.", "The sentence 1.", "The sentence 2."], parsed.Select(r => r.Text));

        var resumed = await Collect(new LlmGenerator(options, folder.Path).GenerateAsync(Sources(3), null, CancellationToken.None));
        Assert.Equal(3, resumed.Count);
        Assert.Equal(3, server.Requests.Count);
        Assert.DoesNotContain("\"abc", File.ReadAllText(journalPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_line_inside_the_journal_is_an_error_naming_the_line()
    {
        await using var server = new FakeChatServer(Echo);
        var generator = new LlmGenerator(Options(server), folder.Path);
        await Collect(generator.GenerateAsync(Sources(2), null, CancellationToken.None));
        var journalPath = Path.Combine(folder.Path, LlmJournal.FileName);
        var lines = File.ReadAllLines(journalPath);
        File.WriteAllLines(journalPath, [lines[0], "garbage", lines[1]]);

        var error = Assert.Throws<InvalidDataException>(() => LlmJournal.Read(folder.Path));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
