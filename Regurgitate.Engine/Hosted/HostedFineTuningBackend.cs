using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Fine-tunes a hosted model (GPT-3.5 on Azure OpenAI or OpenAI, or any server speaking the OpenAI files and
/// fine-tuning API) on one grid point's training pairs: the pairs become a chat JSONL (<see cref="HostedTrainingFile"/>),
/// uploaded once (<see cref="HostedFileUploader"/>); a job is created once with the base model, epochs, learning-rate
/// multiplier, batch size and seed, and followed with its events to its end (<see cref="HostedJobRunner"/>).
/// <para>
/// Every upload and job is journalled in <see cref="HostedJournal"/> under the SHA-256 of its whole request before it
/// is sent, so a backend that was killed and started again over the same folder resumes: it polls the journalled job,
/// reuses the journalled file, and never uploads or creates twice. Calls are retried by the LLM generator's policy
/// (<see cref="LlmRetryPipeline"/>). A refused file or job, and a failed or cancelled job, throw
/// <see cref="HostedFineTuningException"/> with the provider's message; a job that would take the journal past
/// <see cref="HostedFineTuningOptions.Budget"/> is not created (<see cref="HostedBudgetExceededException"/>).
/// </para>
/// </summary>
public sealed class HostedFineTuningBackend : IAsyncDisposable, IDisposable
{
    private readonly HostedFineTuningOptions options;
    private readonly HostedJournal journal;
    private readonly HostedFileUploader uploader;
    private readonly HostedJobRunner jobs;
    private readonly HostedCallSender sender;

    /// <param name="options">Validated with <see cref="HostedFineTuningOptionsValidator"/>; throws <see cref="OptionsValidationException"/> listing every error.</param>
    /// <param name="directory">Folder of the journal (the experiment's), created if needed.</param>
    /// <param name="logger">Optional; never receives the API key.</param>
    public HostedFineTuningBackend(HostedFineTuningOptions options, string directory, ILogger<HostedFineTuningBackend>? logger = null)
        : this(options, directory, null, logger)
    {
    }

    internal HostedFineTuningBackend(HostedFineTuningOptions options, string directory, IHostedApiTransport? transport, ILogger? logger, TimeProvider? time = null)
        : this(options, directory, transport, logger, time, readOnly: false)
    {
    }

    private HostedFineTuningBackend(HostedFineTuningOptions options, string directory, IHostedApiTransport? transport, ILogger? logger, TimeProvider? time, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var errors = HostedFineTuningOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(HostedFineTuningOptions.SectionName, typeof(HostedFineTuningOptions), errors);
        }

        this.options = options;
        time ??= TimeProvider.System;
        logger ??= NullLogger.Instance;
        Directory = directory;
        sender = HostedCallSender.Create(options, transport, time, logger);
        journal = readOnly ? HostedJournal.OpenReadOnly(directory) : HostedJournal.Open(directory);
        uploader = new HostedFileUploader(journal, sender, options, time);
        jobs = new HostedJobRunner(journal, sender, options, time, logger);
    }

    public string Directory { get; }

    public string JournalPath => journal.Path;

    /// <summary>
    /// <see cref="Estimate(IReadOnlyList{HostedJobRequest})"/> of a backend over <paramref name="directory"/>, read
    /// without creating the folder or the journal (a dry run leaves nothing behind).
    /// </summary>
    public static HostedCostEstimate Estimate(HostedFineTuningOptions options, string directory, IReadOnlyList<HostedJobRequest> requests)
    {
        using var backend = new HostedFineTuningBackend(options, directory, null, null, null, readOnly: true);
        return backend.Estimate(requests);
    }

    /// <summary>The cost of the jobs among <paramref name="requests"/> that the journal does not hold yet, and what it already commits.</summary>
    public HostedCostEstimate Estimate(IReadOnlyList<HostedJobRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        int journalled = 0;
        long tokens = 0;
        decimal cost = 0;
        foreach (var request in requests)
        {
            var file = HostedTrainingFile.Create(request.TrainingPairs, options);
            if (IsJournalled(file, request.Seed))
            {
                journalled++;
                continue;
            }

            tokens += file.EstimatedTokens * (options.Epochs ?? options.EstimatedAutoEpochs);
            cost += jobs.EstimatedCost(file);
        }

        return new HostedCostEstimate(requests.Count, journalled, tokens, cost, jobs.Committed(), options.Budget);
    }

    /// <summary>Uploads, creates (or resumes) and follows one job to its end; the fine-tuned model on success.</summary>
    public async Task<HostedFineTuningResult> RunAsync(HostedJobRequest request, IProgress<HostedFineTuningProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Label);
        var file = HostedTrainingFile.Create(request.TrainingPairs, options);
        if (options.Budget is { } budget && !IsJournalled(file, request.Seed))
        {
            // Checked again, under a lock, just before the job is created; here so that nothing is uploaded for a job that cannot start.
            var committed = jobs.Committed();
            var estimate = jobs.EstimatedCost(file);
            if (committed + estimate > budget)
            {
                throw new HostedBudgetExceededException(request.Label, committed, estimate, budget);
            }
        }

        var fileId = await uploader.EnsureUploadedAsync(request.Label, file, progress, cancellationToken).ConfigureAwait(false);
        return await jobs.RunAsync(request.Label, file, fileId, request.Seed, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the provider to cancel the job of <paramref name="request"/> when the journal holds its id and has not seen
    /// it end; returns that id, or null when there was nothing to cancel. The cancellation is not journalled: the next
    /// look at the job finds it cancelled and journals that, as for a job cancelled on the provider's side.
    /// </summary>
    public async Task<string?> CancelAsync(HostedJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = HostedTrainingFile.Create(request.TrainingPairs, options);
        if (journal.First(HostedJournalEntry.UploadKind, HostedFileUploader.RequestHash(file), e => e.FileId) is not { } fileId)
        {
            return null;
        }

        var hash = HostedJobRunner.RequestHash(jobs.Body(fileId, request.Seed));
        if (journal.First(HostedJournalEntry.JobKind, hash, e => e.JobId) is not { } jobId
            || journal.Latest(HostedJournalEntry.JobKind, hash)?.Phase is HostedJournalPhases.Succeeded or HostedJournalPhases.Failed)
        {
            return null;
        }

        await sender.SendAsync(new HostedCall("POST", "fine_tuning/jobs/" + Uri.EscapeDataString(jobId) + "/cancel", hash), null, cancellationToken).ConfigureAwait(false);
        return jobId;
    }

    /// <summary>Whether the job of this file and seed is already in the journal (created, settled, or sent).</summary>
    private bool IsJournalled(HostedTrainingFile file, int? seed)
    {
        var fileId = journal.First(HostedJournalEntry.UploadKind, HostedFileUploader.RequestHash(file), e => e.FileId);
        return fileId is not null && journal.Latest(HostedJournalEntry.JobKind, HostedJobRunner.RequestHash(jobs.Body(fileId, seed))) is not null;
    }

    public void Dispose() => journal.Dispose();

    public ValueTask DisposeAsync() => journal.DisposeAsync();
}
