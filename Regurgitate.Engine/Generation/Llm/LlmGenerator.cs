using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Translates German sources with a chat-completions endpoint (Azure OpenAI or OpenAI-compatible).
/// <para>
/// Every (source, sample) is one request whose cache key hashes the whole request (<see cref="LlmRequestFactory"/>).
/// Finished requests are appended to the generation directory's <see cref="LlmJournal"/> (raw response or classified
/// failure, usage, cost) before they are reported, so a resumed or repeated generation re-sends only what is missing.
/// Raw responses become translations through <see cref="LlmReplyParser"/>, which <see cref="Parse"/> re-runs offline.
/// </para>
/// <para>
/// Retry policy (<see cref="LlmRetryPipeline"/>, on Polly): 429 (honouring <c>retry-after-ms</c>/<c>Retry-After</c>),
/// 408, 5xx, timeouts, connection failures and malformed 200 bodies are retried up to
/// <see cref="LlmGeneratorOptions.MaxRetries"/> times with exponential back-off and jitter. 400 <c>content_filter</c>
/// and other 4xx are recorded failures without retry. 401/403/404 stop the whole generation
/// (<see cref="LlmGenerationAbortedException"/>). At most <see cref="LlmGeneratorOptions.MaxConcurrency"/> requests are
/// in flight. When cancelled, no new request starts; requests in flight finish (within their timeout,
/// without further retries) and are journalled, so nothing paid for is lost; then the enumeration throws
/// <see cref="OperationCanceledException"/>.
/// </para>
/// </summary>
public sealed class LlmGenerator : ITranslationGenerator
{
    private const string Redacted = "[redacted]";

    private readonly LlmGeneratorOptions options;
    private readonly LlmRequestFactory factory;
    private readonly ILlmChatTransport transport;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline<LlmAttempt> retries;

    /// <param name="options">Validated with <see cref="LlmGeneratorOptionsValidator"/>; throws <see cref="OptionsValidationException"/> listing every error.</param>
    /// <param name="generationDirectory">Folder of this generation's journal (created if needed).</param>
    /// <param name="logger">Optional; never receives the API key.</param>
    public LlmGenerator(LlmGeneratorOptions options, string generationDirectory, ILogger<LlmGenerator>? logger = null)
        : this(options, generationDirectory, null, logger)
    {
    }

    /// <param name="time">Clock of the per-attempt timeout, the waits between attempts and the journal's timestamps.</param>
    internal LlmGenerator(LlmGeneratorOptions options, string generationDirectory, ILlmChatTransport? transport, ILogger? logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(generationDirectory);
        var errors = LlmGeneratorOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(LlmGeneratorOptions.SectionName, typeof(LlmGeneratorOptions), errors);
        }

        this.options = options;
        GenerationDirectory = generationDirectory;
        factory = new LlmRequestFactory(options);
        this.time = time ?? TimeProvider.System;
        this.transport = transport ?? new SdkChatTransport(options, this.time);
        this.logger = logger ?? NullLogger.Instance;
        retries = LlmRetryPipeline.Create(options, this.time, this.logger);
        Descriptor = CreateDescriptor(options);
    }

    public GeneratorDescriptor Descriptor { get; }

    public string GenerationDirectory { get; }

    /// <summary>
    /// Estimates the cost of the requests not yet in the journal. Heuristic (documented, deliberately simple):
    /// 1 token per 4 characters of every message, plus 4 tokens per message and 3 for the reply priming; the reply is
    /// estimated at 1.3 × the source's token estimate + 2, capped at <see cref="LlmGeneratorOptions.MaxOutputTokens"/>.
    /// German→English replies are usually no longer than the source, so this tends to over- rather than underestimate.
    /// </summary>
    public LlmCostEstimate Estimate(IReadOnlyList<SourceSegment> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var journal = LlmJournal.Read(GenerationDirectory);
        var settled = Settled(journal);
        var texts = sources.ToDictionary(s => s.Index, s => s.Text);
        int requests = 0, cached = 0;
        long input = 0, output = 0, worstOutput = 0;
        foreach (var request in Requests(sources))
        {
            requests++;
            if (settled.Contains(request.Hash))
            {
                cached++;
                continue;
            }

            var (i, o) = EstimateTokens(texts[request.SourceIndex]);
            input += i;
            output += o;
            worstOutput += options.MaxOutputTokens;
        }

        return new LlmCostEstimate(requests, cached, input, output, Cost(input, output), Cost(input, worstOutput), journal.Sum(e => e.Cost), options.Budget);
    }

    public async IAsyncEnumerable<GeneratedTranslation> GenerateAsync(
        IReadOnlyList<SourceSegment> sources,
        IProgress<GenerationProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Select(s => s.Index).Distinct().Count() != sources.Count)
        {
            throw new ArgumentException("Source indices must be unique (they align results to sources).", nameof(sources));
        }

        cancellationToken.ThrowIfCancellationRequested();
        await using var journal = LlmJournal.Open(GenerationDirectory);
        if (journal.DroppedPartialLine)
        {
            logger.LogWarning("Dropped an incomplete last line of {Journal} (a crash while writing it); that request will be sent again.", journal.Path);
        }

        var all = Requests(sources).ToList();
        var run = new Run(this, journal, all.Count, progress);
        var pending = new List<LlmRequest>();
        foreach (var request in all)
        {
            if (journal.Settled(request.Hash) is { } entry)
            {
                var translation = ToTranslation(entry, Descriptor.Id);
                run.Record(translation, live: false);
                yield return translation;
            }
            else
            {
                pending.Add(request);
            }
        }

        if (pending.Count == 0)
        {
            yield break;
        }

        var channel = Channel.CreateUnbounded<GeneratedTranslation>(new UnboundedChannelOptions { SingleReader = true });
        using var stopDispatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = new CancellationTokenSource();
        var execution = Task.Run(() => run.ExecuteAsync(sources, pending, channel.Writer, stopDispatch, abort, cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var translation in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return translation;
            }
        }
        finally
        {
            // Reached early when the consumer stops enumerating: stop dispatching and let in-flight rows be journalled.
            await stopDispatch.CancelAsync().ConfigureAwait(false);
            await execution.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The re-runnable parse step: turns every request's latest journal row into a result with the current
    /// <see cref="LlmReplyParser"/> policy, without any network access. Ordered by source, then sample.
    /// </summary>
    public static IReadOnlyList<GeneratedTranslation> Parse(string generationDirectory, string generatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generationDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        var latest = new Dictionary<string, LlmJournalEntry>(StringComparer.Ordinal);
        foreach (var entry in LlmJournal.Read(generationDirectory))
        {
            latest[entry.Hash] = entry;
        }

        return latest.Values.OrderBy(e => e.Source).ThenBy(e => e.Sample).Select(e => ToTranslation(e, generatorId)).ToList();
    }

    internal static GeneratedTranslation ToTranslation(LlmJournalEntry entry, string generatorId)
    {
        var provenance = new TranslationProvenance(generatorId, entry.Hash, entry.CompletedAt, entry.PromptTokens, entry.CompletionTokens, entry.Cost);
        if (entry.Response is not null)
        {
            var parsed = LlmReplyParser.Parse(entry.Response);
            return new GeneratedTranslation(entry.Source, entry.Sample, parsed.Text, parsed.Failure, provenance);
        }

        return new GeneratedTranslation(entry.Source, entry.Sample, null, entry.Failure ?? "unknown failure", provenance);
    }

    private static HashSet<string> Settled(IEnumerable<LlmJournalEntry> journal)
    {
        var latest = new Dictionary<string, LlmJournalEntry>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            latest[entry.Hash] = entry;
        }

        return latest.Values.Where(e => e.Response is not null || e.Final).Select(e => e.Hash).ToHashSet(StringComparer.Ordinal);
    }

    private IEnumerable<LlmRequest> Requests(IReadOnlyList<SourceSegment> sources)
    {
        foreach (var source in sources)
        {
            for (var sample = 0; sample < options.SamplesPerSource; sample++)
            {
                yield return factory.Create(source, sample);
            }
        }
    }

    private (long Input, long Output) EstimateTokens(string source)
    {
        static long Tokens(string text) => (text.Length + 3) / 4;
        var messages = string.IsNullOrEmpty(options.SystemPrompt) ? 1 : 2;
        var input = Tokens(options.SystemPrompt ?? "") + Tokens(factory.Prompt(source)) + (4 * messages) + 3;
        var output = Math.Min(options.MaxOutputTokens, (long)Math.Ceiling(Tokens(source) * 1.3) + 2);
        return (input, output);
    }

    private decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * options.PricePer1kInputTokens / 1000m) + (outputTokens * options.PricePer1kOutputTokens / 1000m);

    private string Redact(string text) =>
        string.IsNullOrEmpty(options.ApiKey) ? text : text.Replace(options.ApiKey, Redacted, StringComparison.Ordinal);

    private static GeneratorDescriptor CreateDescriptor(LlmGeneratorOptions options)
    {
        static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var id = string.IsNullOrWhiteSpace(options.GeneratorId) ? $"llm/{options.Model}-t{F(options.Temperature)}" : options.GeneratorId;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["provider"] = options.Provider.ToString(),
            ["endpoint"] = options.Endpoint!.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped),
            ["model"] = options.Model,
            ["promptTemplate"] = options.PromptTemplate,
            ["systemPrompt"] = options.SystemPrompt,
            ["temperature"] = F(options.Temperature),
            ["topP"] = options.TopP is { } topP ? F(topP) : "",
            ["maxOutputTokens"] = options.MaxOutputTokens.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["samplesPerSource"] = options.SamplesPerSource.ToString(CultureInfo.InvariantCulture),
            ["requestKeyVersion"] = LlmRequestFactory.KeyVersion.ToString(CultureInfo.InvariantCulture),
            ["parsingPolicyVersion"] = LlmReplyParser.PolicyVersion.ToString(CultureInfo.InvariantCulture),
            ["journalFormat"] = LlmJournalEntry.CurrentFormat.ToString(CultureInfo.InvariantCulture),
        };
        return new GeneratorDescriptor { Id = id, Name = $"{options.Model} (T={F(options.Temperature)})", Kind = GeneratorKind.Llm, Family = options.Family, Settings = settings };
    }

    /// <summary>State of one <see cref="GenerateAsync"/> call.</summary>
    private sealed class Run(LlmGenerator owner, LlmJournal journal, int total, IProgress<GenerationProgress>? progress)
    {
        private readonly Lock gate = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly decimal spentBefore = journal.TotalCost();
        private int completed;
        private int failed;
        private int liveCompleted;
        private decimal spent;
        private decimal reserved;
        private int paidRequests;
        private LlmGenerationAbortedException? fatal;

        private LlmGeneratorOptions Options => owner.options;

        public void Record(GeneratedTranslation translation, bool live)
        {
            GenerationProgress report;
            lock (gate)
            {
                completed++;
                if (!translation.Succeeded)
                {
                    failed++;
                }

                if (live)
                {
                    liveCompleted++;
                }

                TimeSpan? remaining = liveCompleted == 0 ? null : clock.Elapsed / liveCompleted * (total - completed);
                report = new GenerationProgress(completed, total, failed, spentBefore + spent, remaining);
                progress?.Report(report);
            }
        }

        public async Task ExecuteAsync(
            IReadOnlyList<SourceSegment> sources,
            List<LlmRequest> pending,
            ChannelWriter<GeneratedTranslation> writer,
            CancellationTokenSource stopDispatch,
            CancellationTokenSource abort,
            CancellationToken callerToken)
        {
            var texts = sources.ToDictionary(s => s.Index, s => s.Text);
            var budgetStop = false;
            var inFlight = new List<Task>();
            using var slots = new SemaphoreSlim(Options.MaxConcurrency, Options.MaxConcurrency);
            try
            {
                foreach (var request in pending)
                {
                    try
                    {
                        await slots.WaitAsync(stopDispatch.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    if (stopDispatch.IsCancellationRequested)
                    {
                        slots.Release();
                        break;
                    }

                    var (inputEstimate, outputEstimate) = owner.EstimateTokens(texts[request.SourceIndex]);
                    var estimate = EstimateNext(owner.Cost(inputEstimate, outputEstimate));
                    if (!TryReserve(estimate))
                    {
                        budgetStop = true;
                        slots.Release();
                        break;
                    }

                    var task = ProcessAsync(request, estimate, writer, stopDispatch, abort);
                    _ = task.ContinueWith(_ => slots.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    inFlight.Add(task);
                }

                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                writer.TryComplete(ex);
                return;
            }

            if (fatal is not null)
            {
                writer.TryComplete(fatal);
            }
            else if (callerToken.IsCancellationRequested)
            {
                writer.TryComplete(new OperationCanceledException("LLM generation cancelled; finished requests are journalled and will not be sent again.", null, callerToken));
            }
            else if (budgetStop)
            {
                lock (gate)
                {
                    writer.TryComplete(new LlmBudgetExceededException(completed, total, spentBefore + spent, Options.Budget ?? 0));
                }
            }
            else
            {
                writer.TryComplete();
            }
        }

        /// <summary>The heuristic estimate, or the mean actual cost of this run's requests when that is higher.</summary>
        private decimal EstimateNext(decimal heuristic)
        {
            lock (gate)
            {
                return paidRequests == 0 ? heuristic : Math.Max(heuristic, spent / paidRequests);
            }
        }

        private bool TryReserve(decimal estimate)
        {
            lock (gate)
            {
                if (Options.Budget is { } budget && spentBefore + spent + reserved + estimate > budget)
                {
                    return false;
                }

                reserved += estimate;
                return true;
            }
        }

        private async Task ProcessAsync(LlmRequest request, decimal estimate, ChannelWriter<GeneratedTranslation> writer, CancellationTokenSource stopDispatch, CancellationTokenSource abort)
        {
            LlmJournalEntry? entry = null;
            try
            {
                entry = await AttemptAsync(request, stopDispatch, abort).ConfigureAwait(false);
            }
            finally
            {
                lock (gate)
                {
                    reserved -= estimate;
                    spent += entry?.Cost ?? 0;
                    if (entry?.Response is not null)
                    {
                        paidRequests++;
                    }
                }
            }

            if (entry is null)
            {
                return;
            }

            try
            {
                await journal.AppendAsync(entry).ConfigureAwait(false);
            }
            catch
            {
                await stopDispatch.CancelAsync().ConfigureAwait(false); // the journal is broken: start nothing more
                throw;
            }

            var translation = ToTranslation(entry, owner.Descriptor.Id);
            Record(translation, live: true);
            writer.TryWrite(translation);
        }

        /// <summary>
        /// All attempts of one request, retried by <see cref="LlmRetryPipeline"/>; null when it was abandoned unpaid
        /// (cancellation, abort).
        /// </summary>
        private async Task<LlmJournalEntry?> AttemptAsync(LlmRequest request, CancellationTokenSource stopDispatch, CancellationTokenSource abort)
        {
            var started = owner.time.GetUtcNow();
            var attempts = 0;
            LlmAttempt last;
            try
            {
                // The pipeline's token is the stop signal: it ends the waits between attempts, never an attempt in flight.
                last = await owner.retries.ExecuteAsync(
                    async _ => await OnceAsync(request, started, ++attempts, stopDispatch, abort).ConfigureAwait(false),
                    stopDispatch.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopDispatch.IsCancellationRequested)
            {
                return null; // stopped while waiting to retry: an unanswered request cost nothing, so leave it for the next run
            }

            if (last.Entry is not null || last.Abandoned)
            {
                return last.Entry;
            }

            return attempts > Options.MaxRetries
                ? Failure(request, last.Status, last.Retryable!, last.FinalIfExhausted, started, attempts)
                : null; // stopping: an unanswered request cost nothing, so leave it for the next run
        }

        /// <summary>One attempt: send, wait at most <see cref="LlmGeneratorOptions.RequestTimeout"/>, classify the reply.</summary>
        private async Task<LlmAttempt> OnceAsync(LlmRequest request, DateTimeOffset started, int attempt, CancellationTokenSource stopDispatch, CancellationTokenSource abort)
        {
            if (abort.IsCancellationRequested)
            {
                return new LlmAttempt(request.Hash, attempt, Abandoned: true);
            }

            LlmHttpReply reply;
            using (var timeout = new CancellationTokenSource(Options.RequestTimeout, owner.time))
            using (var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(abort.Token, timeout.Token))
            {
                try
                {
                    reply = await owner.transport.SendAsync(request, attemptToken.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return new LlmAttempt(request.Hash, attempt, Abandoned: true);
                }
                catch (OperationCanceledException)
                {
                    return new LlmAttempt(request.Hash, attempt, Retryable: $"{LlmFailureKinds.Timeout}: no reply within {Options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or System.ClientModel.ClientResultException)
                {
                    return new LlmAttempt(request.Hash, attempt, Retryable: $"{LlmFailureKinds.Timeout}: connection failed ({owner.Redact(ex.Message)})");
                }
            }

            var outcome = Classify(request, reply, started, attempt);
            if (outcome.Fatal is not null)
            {
                lock (gate)
                {
                    fatal ??= outcome.Fatal;
                }

                await abort.CancelAsync().ConfigureAwait(false);
                await stopDispatch.CancelAsync().ConfigureAwait(false);
                return new LlmAttempt(request.Hash, attempt, Abandoned: true);
            }

            return outcome.Entry is not null
                ? new LlmAttempt(request.Hash, attempt, Entry: outcome.Entry)
                : new LlmAttempt(request.Hash, attempt, Retryable: outcome.Transient, Status: reply.Status, RetryAfter: reply.RetryAfter, FinalIfExhausted: outcome.FinalIfExhausted);
        }

        private (LlmJournalEntry? Entry, LlmGenerationAbortedException? Fatal, string? Transient, bool FinalIfExhausted) Classify(LlmRequest request, LlmHttpReply reply, DateTimeOffset started, int attempt)
        {
            const string s = LlmGeneratorOptions.SectionName;
            var status = reply.Status;
            if (status == 200)
            {
                if (LlmReplyParser.IsChatCompletion(reply.Body, out var promptTokens, out var completionTokens))
                {
                    var cost = owner.Cost(promptTokens ?? 0, completionTokens ?? 0);
                    return (new LlmJournalEntry
                    {
                        Hash = request.Hash, Source = request.SourceIndex, Sample = request.Sample, Request = request.Body,
                        Status = status, Response = reply.Body, Final = true, Attempts = attempt,
                        PromptTokens = promptTokens, CompletionTokens = completionTokens, Cost = cost,
                        StartedAt = started, CompletedAt = owner.time.GetUtcNow(),
                    }, null, null, false);
                }

                return (null, null, $"{LlmFailureKinds.Malformed}: HTTP 200 without choices[0].message: {Snippet(reply.Body)}", true);
            }

            if (status is 401 or 403)
            {
                return (null, new LlmGenerationAbortedException(
                    $"The endpoint refused the credentials (HTTP {status}); check {s}:ApiKey (and that it belongs to {s}:Endpoint). Server said: {Snippet(reply.Body)}",
                    $"{s}:ApiKey", status), null, false);
            }

            if (status == 404)
            {
                return (null, new LlmGenerationAbortedException(
                    $"The endpoint has no such deployment or route (HTTP 404); check {s}:Endpoint, {s}:Provider and {s}:Model. Server said: {Snippet(reply.Body)}",
                    $"{s}:Model", status), null, false);
            }

            if (status is 408 or 429 or >= 500)
            {
                var kind = status switch { 429 => LlmFailureKinds.RateLimited, 408 => LlmFailureKinds.Timeout, _ => LlmFailureKinds.ServerError };
                return (null, null, $"{kind}: HTTP {status}: {Snippet(reply.Body)}", false);
            }

            var failureKind = IsContentFilter(reply.Body) ? LlmFailureKinds.ContentFilter : LlmFailureKinds.BadRequest;
            return (Failure(request, status, $"{failureKind}: HTTP {status}: {Snippet(reply.Body)}", final: true, started, attempt), null, null, false);
        }

        private LlmJournalEntry Failure(LlmRequest request, int? status, string failure, bool final, DateTimeOffset started, int attempts) => new()
        {
            Hash = request.Hash, Source = request.SourceIndex, Sample = request.Sample, Request = request.Body,
            Status = status, Failure = owner.Redact(attempts > 1 ? $"{failure} (after {attempts} attempts)" : failure), Final = final,
            Attempts = attempts, StartedAt = started, CompletedAt = owner.time.GetUtcNow(),
        };

        private string Snippet(string body)
        {
            var text = owner.Redact(body.ReplaceLineEndings(" ").Trim());
            return text.Length <= 300 ? text : text[..300] + "…";
        }

        /// <summary>Azure's prompt filter: HTTP 400 with <c>error.code</c> <c>content_filter</c> (inner code ResponsibleAIPolicyViolation).</summary>
        private static bool IsContentFilter(string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    if (error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "content_filter")
                    {
                        return true;
                    }

                    return error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object
                        && inner.TryGetProperty("code", out var innerCode) && innerCode.ValueKind == JsonValueKind.String
                        && innerCode.GetString() == "ResponsibleAIPolicyViolation";
                }
            }
            catch (JsonException)
            {
            }

            return false;
        }
    }

    /// <summary>
    /// Wait before retry number <paramref name="attempt"/> (1-based): the server's Retry-After when given, else
    /// <c>initial × 2^(attempt−1)</c> with "equal jitter" (uniform in [½, 1] of that), always capped at <paramref name="max"/>.
    /// </summary>
    internal static TimeSpan Backoff(int attempt, TimeSpan? retryAfter, TimeSpan initial, TimeSpan max)
    {
        if (retryAfter is { } requested)
        {
            return requested < max ? requested : max;
        }

        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
