using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Creates one fine-tuning job exactly once and follows it to its end. The job's body is journalled under its SHA-256
/// before it is sent, its id after, its end last. On a rerun: a settled job is answered from the journal, a created one
/// is polled again, and one sent but never answered is first looked for in the provider's job list (see
/// <see cref="FindAsync"/>). The same search precedes every retry of the
/// create call, so an attempt that timed out or came back cut off after the provider created the job is adopted, not
/// repeated. Failed and cancelled jobs are journalled failures carrying the provider's message.
/// </summary>
internal sealed partial class HostedJobRunner(HostedJournal journal, HostedCallSender sender, HostedFineTuningOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim budgetGate = new(1, 1);

    /// <summary>The job's JSON body for a training file: base model, hyperparameters (absent ones are "auto") and seed.</summary>
    public string Body(string fileId, int? seed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", options.BaseModel);
            writer.WriteString("training_file", fileId);
            writer.WriteStartObject("hyperparameters");
            WriteOrAuto(writer, "n_epochs", options.Epochs);
            WriteOrAuto(writer, "batch_size", options.BatchSize);
            if (options.LearningRateMultiplier is { } lr)
            {
                writer.WriteNumber("learning_rate_multiplier", lr);
            }
            else
            {
                writer.WriteString("learning_rate_multiplier", "auto");
            }

            writer.WriteEndObject();
            if (seed is { } s)
            {
                writer.WriteNumber("seed", s);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string RequestHash(string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("POST fine_tuning/jobs\n" + body)));

    public decimal EstimatedCost(HostedTrainingFile file) =>
        file.EstimatedTokens * (options.Epochs ?? options.EstimatedAutoEpochs) * options.PricePer1MTrainingTokens / 1_000_000m;

    /// <summary>What the journal commits: each job's actual cost once ended, else its estimate; nothing for a job the provider refused to create.</summary>
    public decimal Committed()
    {
        decimal total = 0;
        foreach (var rows in journal.Entries.Where(e => e.Kind == HostedJournalEntry.JobKind).GroupBy(e => e.Hash))
        {
            var last = rows.Last();
            if (last.Cost is { } cost)
            {
                total += cost;
            }
            else if (!(last.Phase == HostedJournalPhases.Failed && last.JobId is null))
            {
                total += rows.First().EstimatedCost ?? 0;
            }
        }

        return total;
    }

    public async Task<HostedFineTuningResult> RunAsync(string label, HostedTrainingFile file, string fileId, int? seed, IProgress<HostedFineTuningProgress>? progress, CancellationToken cancellationToken)
    {
        var body = Body(fileId, seed);
        var hash = RequestHash(body);
        var latest = journal.Latest(HostedJournalEntry.JobKind, hash);
        if (latest?.Phase == HostedJournalPhases.Succeeded)
        {
            return new HostedFineTuningResult(label, fileId, latest.JobId!, latest.FineTunedModel!, latest.TrainedTokens, latest.Cost ?? 0);
        }

        if (latest?.Phase == HostedJournalPhases.Failed)
        {
            throw new HostedFineTuningException($"Fine-tuning job of '{label}' failed earlier (journalled): {latest.Failure}", latest.Failure, null, isFinal: true);
        }

        var estimate = EstimatedCost(file);
        var jobId = journal.First(HostedJournalEntry.JobKind, hash, e => e.JobId);
        if (jobId is null && latest?.Phase == HostedJournalPhases.Sent && await FindAsync(body, hash, cancellationToken).ConfigureAwait(false) is { } found)
        {
            jobId = await AcceptAsync(label, hash, found, adopted: true).ConfigureAwait(false);
        }

        jobId ??= await CreateAsync(label, hash, body, fileId, estimate, resent: latest is not null, cancellationToken).ConfigureAwait(false);
        progress?.Report(new HostedFineTuningProgress(label, HostedFineTuningProgress.JobStage, "created", jobId));
        return await PollAsync(label, hash, fileId, jobId, estimate, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> CreateAsync(string label, string hash, string body, string fileId, decimal estimate, bool resent, CancellationToken cancellationToken)
    {
        await budgetGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A job sent before counts in Committed() already; only a new one must fit what is left.
            var committed = Committed();
            if (!resent && options.Budget is { } budget && committed + estimate > budget)
            {
                throw new HostedBudgetExceededException(label, committed, estimate, budget);
            }

            await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Sent) with { Request = body, FileId = fileId, EstimatedCost = estimate }).ConfigureAwait(false);
        }
        finally
        {
            budgetGate.Release();
        }

        JsonElement reply;
        try
        {
            reply = await sender.SendAsync(
                new HostedCall("POST", "fine_tuning/jobs", hash, Body: Encoding.UTF8.GetBytes(body), ContentType: "application/json"),
                token => FindAsync(body, hash, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HostedFineTuningException ex) when (ex.IsFinal)
        {
            await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Failed) with { FileId = fileId, Failure = ex.Message }).ConfigureAwait(false);
            throw;
        }

        return await AcceptAsync(label, hash, reply, adopted: false).ConfigureAwait(false);
    }

    private async Task<string> AcceptAsync(string label, string hash, JsonElement job, bool adopted)
    {
        var id = HostedFileUploader.Text(job, "id") ?? throw new HostedFineTuningException("The provider's job has no id.");
        await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Accepted) with
        {
            JobId = id,
            FileId = HostedFileUploader.Text(job, "training_file"),
            Status = (adopted ? "found on the server: " : "") + HostedFileUploader.Text(job, "status"),
        }).ConfigureAwait(false);
        return id;
    }

    private async Task<HostedFineTuningResult> PollAsync(string label, string hash, string fileId, string jobId, decimal estimate, IProgress<HostedFineTuningProgress>? progress, CancellationToken cancellationToken)
    {
        var path = "fine_tuning/jobs/" + Uri.EscapeDataString(jobId);
        var seenEvents = new HashSet<string>(StringComparer.Ordinal);
        string? lastStatus = null;
        string? lastError = null;
        while (true)
        {
            var job = await sender.SendAsync(new HostedCall("GET", path, hash), null, cancellationToken).ConfigureAwait(false);
            lastError = await ReadEventsAsync(label, hash, path, seenEvents, progress, cancellationToken).ConfigureAwait(false) ?? lastError;
            var status = HostedFileUploader.Text(job, "status") ?? "unknown";
            if (status != lastStatus)
            {
                LogStatus(logger, label, jobId, status);
                progress?.Report(new HostedFineTuningProgress(label, HostedFineTuningProgress.JobStage, status, jobId));
                lastStatus = status;
            }

            var trained = job.TryGetProperty("trained_tokens", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : (long?)null;
            decimal? cost = trained is { } n ? n * options.PricePer1MTrainingTokens / 1_000_000m : null;
            if (status == "succeeded")
            {
                var model = HostedFileUploader.Text(job, "fine_tuned_model")
                    ?? throw new HostedFineTuningException($"Job {jobId} of '{label}' succeeded without a fine_tuned_model.", null, null, isFinal: false);
                await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Succeeded) with
                {
                    FileId = fileId,
                    JobId = jobId,
                    Status = status,
                    FineTunedModel = model,
                    TrainedTokens = trained,
                    Cost = cost ?? estimate,
                }).ConfigureAwait(false);
                return new HostedFineTuningResult(label, fileId, jobId, model, trained, cost ?? estimate);
            }

            if (status is "failed" or "cancelled")
            {
                var message = sender.Redact(ErrorMessage(job) ?? lastError ?? (status == "cancelled" ? "the job was cancelled" : "no message"));
                var failure = $"Fine-tuning job {jobId} of '{label}' {status}: {message}";
                await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Failed) with
                {
                    FileId = fileId,
                    JobId = jobId,
                    Status = status,
                    TrainedTokens = trained,
                    Cost = cost,
                    Failure = failure,
                }).ConfigureAwait(false);
                throw new HostedFineTuningException(failure, message, null, isFinal: true);
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reports the job's new events; returns the latest error-level message among them, if any.</summary>
    private async Task<string?> ReadEventsAsync(string label, string hash, string path, HashSet<string> seen, IProgress<HostedFineTuningProgress>? progress, CancellationToken cancellationToken)
    {
        var page = await sender.SendAsync(new HostedCall("GET", path + "/events", hash, Expect: "data", Query: [new("limit", "50")]), null, cancellationToken).ConfigureAwait(false);
        string? error = null;
        // The list is newest first; report in the order they happened.
        foreach (var item in page.GetProperty("data").EnumerateArray().Reverse())
        {
            var id = HostedFileUploader.Text(item, "id");
            if (id is null || !seen.Add(id))
            {
                continue;
            }

            var level = HostedFileUploader.Text(item, "level") ?? "info";
            var message = sender.Redact(HostedFileUploader.Text(item, "message") ?? "");
            progress?.Report(new HostedFineTuningProgress(label, HostedFineTuningProgress.EventStage, level, message));
            if (level == "error")
            {
                error = message;
            }
        }

        return error;
    }

    /// <summary>
    /// A job on the server that this request created: same training file, base model, seed and every hyperparameter we
    /// fixed ("auto" ones the provider resolves), and not already journalled for another request (grid points with the
    /// same training pairs share one file and differ only in seed).
    /// </summary>
    private async Task<JsonElement?> FindAsync(string body, string hash, CancellationToken cancellationToken)
    {
        using var sent = JsonDocument.Parse(body);
        var wanted = sent.RootElement;
        var taken = journal.Entries.Where(e => e.Kind == HostedJournalEntry.JobKind && e.Hash != hash && e.JobId is not null).Select(e => e.JobId!).ToHashSet(StringComparer.Ordinal);
        var list = await sender.SendAsync(new HostedCall("GET", "fine_tuning/jobs", hash, Expect: "data", Query: [new("limit", "100")]), null, cancellationToken).ConfigureAwait(false);
        foreach (var job in list.GetProperty("data").EnumerateArray())
        {
            if (HostedFileUploader.Text(job, "id") is { } id && !taken.Contains(id) && Matches(wanted, job))
            {
                return job.Clone();
            }
        }

        return null;
    }

    private static bool Matches(JsonElement wanted, JsonElement job)
    {
        if (HostedFileUploader.Text(job, "training_file") != HostedFileUploader.Text(wanted, "training_file")
            || HostedFileUploader.Text(job, "model") != HostedFileUploader.Text(wanted, "model")
            || (wanted.TryGetProperty("seed", out _) && HostedFileUploader.Text(job, "seed") != HostedFileUploader.Text(wanted, "seed")))
        {
            return false;
        }

        var parameters = job.TryGetProperty("hyperparameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        foreach (var fixedValue in wanted.GetProperty("hyperparameters").EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Number))
        {
            if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(fixedValue.Name, out var actual)
                || actual.ValueKind != JsonValueKind.Number || actual.GetDouble() != fixedValue.Value.GetDouble())
            {
                return false;
            }
        }

        return true;
    }

    private static string? ErrorMessage(JsonElement job) =>
        job.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? HostedFileUploader.Text(error, "message") : null;

    private static void WriteOrAuto(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteString(name, "auto");
        }
    }

    private HostedJournalEntry Row(string label, string hash, string phase) => new()
    {
        Kind = HostedJournalEntry.JobKind, Phase = phase, Hash = hash, Label = label, At = time.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Hosted fine-tuning '{Label}': job {JobId} is {Status}.")]
    private static partial void LogStatus(ILogger logger, string label, string jobId, string status);
}
