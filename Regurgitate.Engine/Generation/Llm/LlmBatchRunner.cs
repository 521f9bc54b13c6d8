using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Hosted;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// <see cref="LlmGenerationMode.Batch"/>: sends every request the journal has not settled as one Batch API job, through
/// the hosted fine-tuning path's journalled, idempotent calls (<see cref="HostedFileUploader"/> with purpose
/// <c>batch</c>, <see cref="HostedCallSender"/> and its retry policy). The generation folder's <c>batches.jsonl</c>
/// (a <see cref="HostedJournal"/>) records the upload and the batch: the create call is journalled under the SHA-256 of
/// its body before it is sent and its batch id after, and every retry of it first looks for the batch in the provider's
/// list, so a reply lost after the provider created the batch is adopted rather than repeated. On a rerun, batches
/// created but not yet collected are polled and collected first (they are paid for); only then are the requests still
/// missing sent, as a new file and batch. Each result row is classified like a chat reply
/// (<see cref="LlmReplyClassifier"/>) and appended to the generator's <see cref="LlmJournal"/>, so cache, parse step
/// and everything downstream are the same as in chat mode.
/// </summary>
internal sealed partial class LlmBatchRunner
{
    public const string JournalFileName = "batches.jsonl";

    private const string Label = "llm-batch";

    private readonly LlmGeneratorOptions options;
    private readonly LlmReplyClassifier classifier;
    private readonly HostedFineTuningOptions hosted;
    private readonly HostedCallSender sender;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public LlmBatchRunner(LlmGeneratorOptions options, LlmReplyClassifier classifier, IHostedApiTransport? transport, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.classifier = classifier;
        this.time = time;
        this.logger = logger;
        hosted = new HostedFineTuningOptions
        {
            Endpoint = options.Endpoint, Provider = options.Provider, ApiKey = options.ApiKey, AzureApiVersion = options.BatchAzureApiVersion,
            PollInterval = options.BatchPollInterval, MaxRetries = options.MaxRetries, RequestTimeout = options.RequestTimeout,
            InitialRetryDelay = options.InitialRetryDelay, MaxRetryDelay = options.MaxRetryDelay,
        };
        sender = HostedCallSender.Create(hosted, transport, time, logger);
    }

    /// <summary>
    /// Collects unfinished batches, then sends the requests of <paramref name="all"/> still unsettled in
    /// <paramref name="results"/> as one batch, once <paramref name="checkBudget"/> (given them) has not thrown.
    /// Every journalled result row is handed to <paramref name="onRow"/>.
    /// </summary>
    public async Task RunAsync(
        string directory,
        IReadOnlyList<LlmRequest> all,
        LlmJournal results,
        Action<IReadOnlyList<LlmRequest>> checkBudget,
        Action<LlmJournalEntry> onRow,
        CancellationToken cancellationToken)
    {
        await using var batches = HostedJournal.Open(directory, JournalFileName);
        var byHash = all.ToDictionary(r => r.Hash, StringComparer.Ordinal);
        foreach (var (hash, batchId) in Unfinished(batches))
        {
            LogResuming(logger, batchId);
            await FollowAsync(batches, hash, batchId, byHash, results, onRow, cancellationToken).ConfigureAwait(false);
        }

        var pending = all.Where(r => results.Settled(r.Hash) is null).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        checkBudget(pending);
        var file = LlmBatchFile.Build(pending, options);
        var uploader = new HostedFileUploader(batches, sender, hosted, time, HostedFileUploader.BatchPurpose);
        string fileId;
        try
        {
            fileId = await uploader.EnsureUploadedAsync(Label, file, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HostedFineTuningException ex)
        {
            throw new LlmBatchFailedException($"The batch input file ({pending.Count} requests) was not accepted: {ex.Message}", null, null, ex);
        }

        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["input_file_id"] = fileId, ["endpoint"] = LlmBatchFile.Url(options.Provider), ["completion_window"] = "24h",
        });
        var createHash = CreateHash(batches, body);
        var created = await EnsureCreatedAsync(batches, createHash, body, fileId, cancellationToken).ConfigureAwait(false);
        await FollowAsync(batches, createHash, created, byHash, results, onRow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The journal key of the create call. A batch over the same file that expired or was cancelled may be tried again,
    /// so each such end moves the key on (deterministically: a restart finds the same key); a failed one (the provider
    /// rejected the input) stays, and is reported again rather than paid for again.
    /// </summary>
    private static string CreateHash(HostedJournal batches, string body)
    {
        for (var attempt = 0; ; attempt++)
        {
            var material = "POST batches\n" + body + (attempt == 0 ? "" : "\nattempt=" + attempt.ToString(CultureInfo.InvariantCulture));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
            if (batches.Latest(HostedJournalEntry.BatchKind, hash) is not { Phase: HostedJournalPhases.Failed, Status: "expired" or "cancelled" })
            {
                return hash;
            }
        }
    }

    /// <summary>Batches with an id and no end row: created, maybe finished on the provider, not collected.</summary>
    private static List<(string Hash, string BatchId)> Unfinished(HostedJournal batches) =>
        batches.Entries.Where(e => e.Kind == HostedJournalEntry.BatchKind).GroupBy(e => e.Hash)
            .Where(g => g.Last().Phase == HostedJournalPhases.Accepted && g.Last().JobId is not null)
            .Select(g => (g.Key, g.Last().JobId!)).ToList();

    private async Task<string> EnsureCreatedAsync(HostedJournal batches, string hash, string body, string fileId, CancellationToken cancellationToken)
    {
        var latest = batches.Latest(HostedJournalEntry.BatchKind, hash);
        if (latest?.Phase == HostedJournalPhases.Failed)
        {
            throw new LlmBatchFailedException($"Batch {latest.JobId ?? "(not created)"} for input file {fileId} ended earlier (journalled, status {latest.Status ?? "refused"}): {latest.Failure}", latest.JobId, latest.Status);
        }

        if (batches.First(HostedJournalEntry.BatchKind, hash, e => e.JobId) is { } known)
        {
            return known;
        }

        if (latest?.Phase == HostedJournalPhases.Sent && await FindAsync(fileId, hash, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return await AcceptAsync(batches, hash, found, adopted: true).ConfigureAwait(false);
        }

        await batches.AppendAsync(Row(hash, HostedJournalPhases.Sent) with { Request = body, FileId = fileId }).ConfigureAwait(false);
        JsonElement reply;
        try
        {
            reply = await sender.SendAsync(
                new HostedCall("POST", "batches", hash, Body: Encoding.UTF8.GetBytes(body)),
                token => FindAsync(fileId, hash, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HostedFineTuningException ex) when (ex.IsFinal)
        {
            await batches.AppendAsync(Row(hash, HostedJournalPhases.Failed) with { FileId = fileId, Failure = ex.Message }).ConfigureAwait(false);
            throw new LlmBatchFailedException($"The provider refused to create a batch for input file {fileId}: {ex.Message}", null, null, ex);
        }

        return await AcceptAsync(batches, hash, reply, adopted: false).ConfigureAwait(false);
    }

    private async Task<string> AcceptAsync(HostedJournal batches, string hash, JsonElement batch, bool adopted)
    {
        var id = HostedFileUploader.Text(batch, "id") ?? throw new LlmBatchFailedException("The provider's batch has no id.");
        await batches.AppendAsync(Row(hash, HostedJournalPhases.Accepted) with
        {
            JobId = id,
            Status = (adopted ? "found on the server: " : "") + HostedFileUploader.Text(batch, "status"),
        }).ConfigureAwait(false);
        return id;
    }

    /// <summary>A batch of ours already on the server: the input file is ours alone, so a batch over it is this batch.</summary>
    private async Task<JsonElement?> FindAsync(string fileId, string hash, CancellationToken cancellationToken)
    {
        var list = await sender.SendAsync(new HostedCall("GET", "batches", hash, Expect: "data", Query: [new("limit", "100")]), null, cancellationToken).ConfigureAwait(false);
        foreach (var candidate in list.GetProperty("data").EnumerateArray())
        {
            if (HostedFileUploader.Text(candidate, "input_file_id") == fileId && HostedFileUploader.Text(candidate, "id") is not null)
            {
                return candidate.Clone();
            }
        }

        return null;
    }

    /// <summary>Polls the batch until it ends, collects whatever results it has, and journals its end.</summary>
    private async Task FollowAsync(HostedJournal batches, string hash, string batchId, Dictionary<string, LlmRequest> byHash, LlmJournal results, Action<LlmJournalEntry> onRow, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        while (true)
        {
            var batch = await sender.SendAsync(new HostedCall("GET", "batches/" + Uri.EscapeDataString(batchId), hash), null, cancellationToken).ConfigureAwait(false);
            var status = HostedFileUploader.Text(batch, "status") ?? "unknown";
            var counts = batch.TryGetProperty("request_counts", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            LogStatus(logger, batchId, status, Count(counts, "completed"), Count(counts, "failed"), Count(counts, "total"));
            if (status is "completed" or "failed" or "expired" or "cancelled")
            {
                var outputFile = HostedFileUploader.Text(batch, "output_file_id");
                var files = new[] { outputFile, HostedFileUploader.Text(batch, "error_file_id") }.Where(f => !string.IsNullOrEmpty(f)).Select(f => f!).ToList();
                var expected = status == "completed" ? Count(counts, "total") : 0;
                foreach (var (file, text) in await DownloadAsync(batchId, files, expected, hash, cancellationToken).ConfigureAwait(false))
                {
                    await CollectAsync(file, text, byHash, results, onRow, started).ConfigureAwait(false);
                }

                if (status == "completed")
                {
                    await batches.AppendAsync(Row(hash, HostedJournalPhases.Succeeded) with { JobId = batchId, FileId = outputFile, Status = status }).ConfigureAwait(false);
                    return;
                }

                var failure = sender.Redact($"Batch {batchId} ended with status {status}: {Errors(batch)}");
                await batches.AppendAsync(Row(hash, HostedJournalPhases.Failed) with { JobId = batchId, FileId = outputFile, Status = status, Failure = failure }).ConfigureAwait(false);
                var next = status == "failed" ? "the provider rejected the batch, so a rerun reports this again" : "the rows it did not answer are sent again, in a new batch, by the next run";
                throw new LlmBatchFailedException($"{failure} (rows it answered are journalled; {next}).", batchId, status);
            }

            await Task.Delay(options.BatchPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads the result files. A download cut off inside a line fails the line check and is retried by the sender;
    /// one cut off exactly at a line end is caught by counting: a completed batch has a result line for each of its
    /// <paramref name="expected"/> requests, so fewer lines are downloaded again. Downloads are free; only when they stay
    /// short is it an error, and nothing is journalled as collected, so a rerun downloads them again (no new batch).
    /// </summary>
    private async Task<List<(string File, string Text)>> DownloadAsync(string batchId, List<string> files, int expected, string hash, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var texts = new List<(string File, string Text)>();
            foreach (var fileId in files)
            {
                try
                {
                    texts.Add((fileId, await sender.SendTextAsync(new HostedCall("GET", $"files/{Uri.EscapeDataString(fileId)}/content", hash, Jsonl: true), null, cancellationToken).ConfigureAwait(false)));
                }
                catch (HostedFineTuningException ex)
                {
                    throw new LlmBatchFailedException($"The result file {fileId} of batch {batchId} could not be read: {ex.Message}", batchId, null, ex);
                }
            }

            var lines = texts.Sum(t => t.Text.Split('\n').Count(l => !string.IsNullOrWhiteSpace(l)));
            if (lines >= expected)
            {
                return texts;
            }

            if (attempt > options.MaxRetries)
            {
                throw new LlmBatchFailedException($"Batch {batchId} completed {expected} requests but its result files ({string.Join(", ", files)}) held {lines} lines in each of {attempt} downloads; a rerun downloads them again.", batchId, "completed");
            }

            LogShortDownload(logger, batchId, lines, expected);
            await Task.Delay(options.InitialRetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Journals each row of one result file that is still unsettled, as chat mode would have.</summary>
    private async Task CollectAsync(string fileId, string text, Dictionary<string, LlmRequest> byHash, LlmJournal results, Action<LlmJournalEntry> onRow, DateTimeOffset started)
    {
        foreach (var row in LlmBatchFile.Parse(text, fileId))
        {
            if (!byHash.TryGetValue(row.CustomId, out var request) || results.Settled(request.Hash) is not null)
            {
                continue; // not asked for in this call, or collected before a restart
            }

            var entry = ToEntry(request, row, fileId, started);
            await results.AppendAsync(entry).ConfigureAwait(false);
            onRow(entry);
        }
    }

    /// <summary>A reply goes through the chat classifier; an error or an unusable reply is a failure the next run sends again.</summary>
    private LlmJournalEntry ToEntry(LlmRequest request, LlmBatchRow row, string fileId, DateTimeOffset started)
    {
        if (row.Status is { } status && row.Body is not null)
        {
            var outcome = classifier.Classify(request, new LlmHttpReply(status, row.Body, null), started, 1);
            if (outcome.Entry is not null)
            {
                return outcome.Entry;
            }

            return classifier.Failure(request, status, outcome.Transient ?? outcome.Fatal!.Message, final: false, started, 1);
        }

        var error = row.Error ?? $"line {row.Line.ToString(CultureInfo.InvariantCulture)} of {fileId} has neither a response nor an error";
        return classifier.Failure(request, row.Status, $"{LlmFailureKinds.BatchError}: {error}", final: false, started, 1);
    }

    private static string Errors(JsonElement batch)
    {
        if (!batch.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object
            || !errors.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            return "the provider gave no errors";
        }

        return string.Join("; ", data.EnumerateArray().Select(e =>
            $"{HostedFileUploader.Text(e, "code") ?? "error"}" + (HostedFileUploader.Text(e, "line") is { } line ? $" (line {line})" : "") + $": {HostedFileUploader.Text(e, "message")}"));
    }

    private static int Count(JsonElement counts, string name) =>
        counts.ValueKind == JsonValueKind.Object && counts.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private HostedJournalEntry Row(string hash, string phase) => new()
    {
        Kind = HostedJournalEntry.BatchKind, Phase = phase, Hash = hash, Label = Label, At = time.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM batch {BatchId} is {Status}: {Completed} completed, {Failed} failed of {Total}.")]
    private static partial void LogStatus(ILogger logger, string batchId, string status, int completed, int failed, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The result files of LLM batch {BatchId} held {Lines} of {Expected} lines (a cut-off download); downloading them again.")]
    private static partial void LogShortDownload(ILogger logger, string batchId, int lines, int expected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collecting LLM batch {BatchId}, created by an earlier run.")]
    private static partial void LogResuming(ILogger logger, string batchId);
}
