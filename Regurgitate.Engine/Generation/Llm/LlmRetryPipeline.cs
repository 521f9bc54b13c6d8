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
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<LlmAttempt>.Empty;
        }

        var initial = options.InitialRetryDelay;
        var max = options.MaxRetryDelay;
        return new ResiliencePipelineBuilder<LlmAttempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<LlmAttempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Retryable is not null),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber + 1, args.Outcome.Result!.RetryAfter, initial, max)),
                OnRetry = args =>
                {
                    var attempt = args.Outcome.Result!;
                    LogRetry(logger, attempt.RequestHash, attempt.Number, attempt.Retryable!, (int)args.RetryDelay.TotalMilliseconds);
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
