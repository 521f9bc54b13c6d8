using System.Globalization;
using Polly;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Sends one request until it settles: each attempt waits at most <see cref="LlmGeneratorOptions.RequestTimeout"/>,
/// its reply is classified by <see cref="LlmReplyClassifier"/>, and transient failures go round
/// <see cref="LlmRetryPipeline"/>. The result is the journal row to keep, or null when the request was abandoned unpaid.
/// </summary>
internal sealed class LlmRequestSender(
    LlmGeneratorOptions options,
    ILlmChatTransport transport,
    ResiliencePipeline<LlmAttempt> retries,
    LlmReplyClassifier classifier,
    TimeProvider time)
{
    /// <summary>
    /// All attempts of one request; null when it was abandoned unpaid (cancellation, abort). A 401/403/404 is handed
    /// to <paramref name="onFatal"/> before <paramref name="abort"/> and <paramref name="stopDispatch"/> are cancelled.
    /// </summary>
    public async Task<LlmJournalEntry?> SendAsync(
        LlmRequest request,
        CancellationTokenSource stopDispatch,
        CancellationTokenSource abort,
        Action<LlmGenerationAbortedException> onFatal)
    {
        var started = time.GetUtcNow();
        var attempts = 0;
        LlmAttempt last;
        try
        {
            // The pipeline's token is the stop signal: it ends the waits between attempts, never an attempt in flight.
            last = await retries.ExecuteAsync(
                async _ => await OnceAsync(request, started, ++attempts, stopDispatch, abort, onFatal).ConfigureAwait(false),
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

        return attempts > options.MaxRetries
            ? classifier.Failure(request, last.Status, last.Retryable!, last.FinalIfExhausted, started, attempts)
            : null; // stopping: an unanswered request cost nothing, so leave it for the next run
    }

    /// <summary>One attempt: send, wait at most <see cref="LlmGeneratorOptions.RequestTimeout"/>, classify the reply.</summary>
    private async Task<LlmAttempt> OnceAsync(
        LlmRequest request,
        DateTimeOffset started,
        int attempt,
        CancellationTokenSource stopDispatch,
        CancellationTokenSource abort,
        Action<LlmGenerationAbortedException> onFatal)
    {
        if (abort.IsCancellationRequested)
        {
            return new LlmAttempt(request.Hash, attempt, Abandoned: true);
        }

        LlmHttpReply reply;
        using (var timeout = new CancellationTokenSource(options.RequestTimeout, time))
        using (var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(abort.Token, timeout.Token))
        {
            try
            {
                reply = await transport.SendAsync(request, attemptToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return new LlmAttempt(request.Hash, attempt, Abandoned: true);
            }
            catch (OperationCanceledException)
            {
                return new LlmAttempt(request.Hash, attempt, Retryable: $"{LlmFailureKinds.Timeout}: no reply within {options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.ClientModel.ClientResultException)
            {
                return new LlmAttempt(request.Hash, attempt, Retryable: $"{LlmFailureKinds.Timeout}: connection failed ({classifier.Redact(ex.Message)})");
            }
        }

        var outcome = classifier.Classify(request, reply, started, attempt);
        if (outcome.Fatal is not null)
        {
            onFatal(outcome.Fatal);
            await abort.CancelAsync().ConfigureAwait(false);
            await stopDispatch.CancelAsync().ConfigureAwait(false);
            return new LlmAttempt(request.Hash, attempt, Abandoned: true);
        }

        return outcome.Entry is not null
            ? new LlmAttempt(request.Hash, attempt, Entry: outcome.Entry)
            : new LlmAttempt(request.Hash, attempt, Retryable: outcome.Transient, Status: reply.Status, RetryAfter: reply.RetryAfter, FinalIfExhausted: outcome.FinalIfExhausted);
    }
}
