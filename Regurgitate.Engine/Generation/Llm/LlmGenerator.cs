using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
/// <para>
/// In <see cref="LlmGenerationMode.Batch"/> mode the requests not yet settled are sent as one Batch API job instead
/// (<see cref="LlmBatchRunner"/>), priced at the batch rates; their results land in the same journal.
/// </para>
/// <para>
/// This class holds the public surface; the work is done by <see cref="LlmGenerationRun"/> (dispatch, budget,
/// journalling, progress), <see cref="LlmRequestSender"/> (attempts and retries of one request),
/// <see cref="LlmReplyClassifier"/> (what a reply means), <see cref="LlmCostModel"/> and <see cref="LlmJournalReplay"/>.
/// </para>
/// </summary>
public sealed class LlmGenerator : ITranslationGenerator
{
    private readonly LlmGeneratorOptions options;
    private readonly LlmRequestFactory factory;
    private readonly LlmCostModel costs;
    private readonly LlmRequestSender sender;
    private readonly LlmBatchRunner? batch;
    private readonly ILogger logger;

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
        costs = new LlmCostModel(options, factory);
        time ??= TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        var classifier = new LlmReplyClassifier(options, costs, time);
        sender = new LlmRequestSender(
            options,
            transport ?? new SdkChatTransport(options, time),
            LlmRetryPipeline.Create(options, time, this.logger),
            classifier,
            time);
        batch = options.Mode == LlmGenerationMode.Batch ? new LlmBatchRunner(options, classifier, null, time, this.logger) : null;
        Descriptor = CreateDescriptor(options);
    }

    public GeneratorDescriptor Descriptor { get; }

    public string GenerationDirectory { get; }

    /// <summary>
    /// Estimates the cost of the requests not yet in the journal with the heuristic of
    /// <see cref="LlmCostModel.EstimateTokens"/>. German→English replies are usually no longer than the source, so this tends to over- rather than underestimate.
    /// </summary>
    public LlmCostEstimate Estimate(IReadOnlyList<SourceSegment> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var journal = LlmJournal.Read(GenerationDirectory);
        var settled = LlmJournalReplay.Settled(journal);
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

            var (i, o) = costs.EstimateTokens(texts[request.SourceIndex]);
            input += i;
            output += o;
            worstOutput += options.MaxOutputTokens;
        }

        return new LlmCostEstimate(requests, cached, input, output, costs.Cost(input, output), costs.Cost(input, worstOutput), journal.Sum(e => e.Cost), options.Budget);
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
        var run = new LlmGenerationRun(options, costs, sender, Descriptor.Id, journal, all.Count, progress);
        var pending = new List<LlmRequest>();
        foreach (var request in all)
        {
            if (journal.Settled(request.Hash) is { } entry)
            {
                var translation = LlmJournalReplay.ToTranslation(entry, Descriptor.Id);
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

        if (batch is not null)
        {
            // Results arrive all at once when the batch ends; a row answered twice (a failure, then a success from a
            // later batch of the same call) is reported once, with its latest outcome.
            var collected = new Dictionary<string, LlmJournalEntry>(StringComparer.Ordinal);
            var texts = sources.ToDictionary(s => s.Index, s => s.Text);
            await batch.RunAsync(
                GenerationDirectory,
                all,
                journal,
                missing => CheckBatchBudget(missing, texts, journal, all.Count),
                entry => collected[entry.Hash] = entry,
                cancellationToken).ConfigureAwait(false);
            foreach (var request in pending)
            {
                if (collected.TryGetValue(request.Hash, out var entry))
                {
                    var translation = LlmJournalReplay.ToTranslation(entry, Descriptor.Id);
                    run.Record(translation, live: true);
                    yield return translation;
                }
            }

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
        return LlmJournalReplay.LatestPerRequest(LlmJournal.Read(generationDirectory))
            .OrderBy(e => e.Source).ThenBy(e => e.Sample).Select(e => LlmJournalReplay.ToTranslation(e, generatorId)).ToList();
    }

    /// <summary>A batch is committed whole, so the estimate of all its rows must fit the budget before it is created.</summary>
    private void CheckBatchBudget(IReadOnlyList<LlmRequest> missing, Dictionary<int, string> texts, LlmJournal journal, int total)
    {
        if (options.Budget is not { } budget)
        {
            return;
        }

        var estimate = missing.Sum(r =>
        {
            var (input, output) = costs.EstimateTokens(texts[r.SourceIndex]);
            return costs.Cost(input, output);
        });
        var spent = journal.TotalCost();
        if (spent + estimate > budget)
        {
            throw new LlmBudgetExceededException(total - missing.Count, total, spent, budget);
        }
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
}
