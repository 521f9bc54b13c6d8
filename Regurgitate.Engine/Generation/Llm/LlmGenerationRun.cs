using System.Diagnostics;
using System.Threading.Channels;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// State of one <see cref="LlmGenerator.GenerateAsync"/> call: dispatches the pending requests at most
/// <see cref="LlmGeneratorOptions.MaxConcurrency"/> at a time, reserves budget for each before it starts, journals each
/// settled request before reporting it, and keeps the progress counts.
/// </summary>
internal sealed class LlmGenerationRun(
    LlmGeneratorOptions options,
    LlmCostModel costs,
    LlmRequestSender sender,
    string generatorId,
    LlmJournal journal,
    int total,
    IProgress<GenerationProgress>? progress)
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

    /// <summary>Counts a result; <paramref name="live"/> ones (not replayed from the journal) drive the time estimate.</summary>
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
        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
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

                var (inputEstimate, outputEstimate) = costs.EstimateTokens(texts[request.SourceIndex]);
                var estimate = EstimateNext(costs.Cost(inputEstimate, outputEstimate));
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
                writer.TryComplete(new LlmBudgetExceededException(completed, total, spentBefore + spent, options.Budget ?? 0));
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
            if (options.Budget is { } budget && spentBefore + spent + reserved + estimate > budget)
            {
                return false;
            }

            reserved += estimate;
            return true;
        }
    }

    private void RecordFatal(LlmGenerationAbortedException exception)
    {
        lock (gate)
        {
            fatal ??= exception;
        }
    }

    private async Task ProcessAsync(LlmRequest request, decimal estimate, ChannelWriter<GeneratedTranslation> writer, CancellationTokenSource stopDispatch, CancellationTokenSource abort)
    {
        LlmJournalEntry? entry = null;
        try
        {
            entry = await sender.SendAsync(request, stopDispatch, abort, RecordFatal).ConfigureAwait(false);
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

        var translation = LlmJournalReplay.ToTranslation(entry, generatorId);
        Record(translation, live: true);
        writer.TryWrite(translation);
    }
}
