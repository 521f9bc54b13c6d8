using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// The retry policy of <see cref="LlmGenerator"/> as a Polly pipeline: an attempt that ended
/// <see cref="LlmAttempt.Retryable"/> is tried again up to <see cref="LlmGeneratorOptions.MaxRetries"/> times, after
/// <see cref="Backoff"/> (the server's Retry-After, else exponential with equal jitter, capped), waited on
/// the given <see cref="TimeProvider"/>. Settled and abandoned attempts are returned as they are. Cancelling the
/// execution's token stops further attempts: during a wait the execution throws <see cref="OperationCanceledException"/>,
/// after an attempt it returns that attempt.
/// </summary>
internal static partial class LlmRetryPipeline
{
    public static ResiliencePipeline<LlmAttempt> Create(LlmGeneratorOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create<LlmAttempt>(
            new RetrySettings(options.MaxRetries, options.InitialRetryDelay, options.MaxRetryDelay),
            a => a.Retryable is null ? null : (a.Retryable, a.RetryAfter),
            a => (a.RequestHash, a.Number),
            time,
            logger);
    }

    /// <summary>
    /// The same policy for any attempt type (the hosted fine-tuning calls use it too, so there is one retry loop):
    /// <paramref name="retryable"/> gives the reason and the server's Retry-After of an attempt worth retrying, null
    /// for one that settled; <paramref name="identity"/> names the request and attempt number in the log.
    /// </summary>
    public static ResiliencePipeline<T> Create<T>(
        RetrySettings settings,
        Func<T, (string Reason, TimeSpan? RetryAfter)?> retryable,
        Func<T, (string Hash, int Attempt)> identity,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxRetries == 0)
        {
            return ResiliencePipeline<T>.Empty;
        }

        var initial = settings.InitialDelay;
        var max = settings.MaxDelay;
        return new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = settings.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } result && retryable(result) is not null),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber + 1, retryable(args.Outcome.Result!)!.Value.RetryAfter, initial, max)),
                OnRetry = args =>
                {
                    var (hash, number) = identity(args.Outcome.Result!);
                    LogRetry(logger, hash, number, retryable(args.Outcome.Result!)!.Value.Reason, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Wait before retry number <paramref name="attempt"/> (1-based): the server's Retry-After when given, else
    /// <c>initial × 2^(attempt−1)</c> with "equal jitter" (uniform in [½, 1] of that), always capped at <paramref name="max"/>.
    /// </summary>
    public static TimeSpan Backoff(int attempt, TimeSpan? retryAfter, TimeSpan initial, TimeSpan max)
    {
        if (retryAfter is { } requested)
        {
            return requested < max ? requested : max;
        }

        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM request {Hash} attempt {Attempt} failed ({Reason}); retrying in {Delay} ms.")]
    private static partial void LogRetry(ILogger logger, string hash, int attempt, string reason, int delay);
}
