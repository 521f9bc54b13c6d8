using System.Globalization;
using System.Text.Json;
using Polly;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Sends one <see cref="HostedCall"/> until it settles, through <see cref="LlmRetryPipeline"/> (the generator's retry
/// policy): each attempt waits at most <see cref="HostedFineTuningOptions.RequestTimeout"/>; 408, 429 (honouring
/// Retry-After), 5xx, timeouts, connection failures and cut-off or malformed 200 bodies are retried; 429
/// <c>insufficient_quota</c> and other 4xx are refusals carrying the provider's message; 401/403/404 too, naming the
/// configuration keys to check. Every text it reports passes through <see cref="Redact"/>.
/// </summary>
internal sealed class HostedCallSender(HostedFineTuningOptions options, IHostedApiTransport transport, ResiliencePipeline<HostedAttempt> retries, TimeProvider time)
{
    private const string Redacted = "[redacted]";

    /// <summary>A sender over <paramref name="transport"/> (the SDK's when null) with the generator's retry policy as <paramref name="options"/> configure it.</summary>
    public static HostedCallSender Create(HostedFineTuningOptions options, IHostedApiTransport? transport, TimeProvider time, Microsoft.Extensions.Logging.ILogger logger)
    {
        var retries = LlmRetryPipeline.Create<HostedAttempt>(
            new RetrySettings(options.MaxRetries, options.InitialRetryDelay, options.MaxRetryDelay),
            a => a.Retryable is null ? null : (a.Retryable, a.RetryAfter),
            a => (a.Hash, a.Number),
            time,
            logger);
        return new HostedCallSender(options, transport ?? new SdkHostedApiTransport(options, time), retries, time);
    }

    /// <summary>
    /// The reply's JSON. <paramref name="beforeRetry"/>, when given, runs before every attempt after the first: for a
    /// call that creates something, it looks on the server for what an attempt that seemed to fail may have created, and
    /// returns its JSON to adopt instead of sending again.
    /// </summary>
    public async Task<JsonElement> SendAsync(HostedCall call, Func<CancellationToken, Task<JsonElement?>>? beforeRetry, CancellationToken cancellationToken)
    {
        var body = await SendTextAsync(call, beforeRetry, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The reply's text, complete by <see cref="HostedCall.Expect"/> or <see cref="HostedCall.Jsonl"/>.</summary>
    public async Task<string> SendTextAsync(HostedCall call, Func<CancellationToken, Task<JsonElement?>>? beforeRetry, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var last = await retries.ExecuteAsync(
            async token =>
            {
                var number = ++attempts;
                if (number > 1 && beforeRetry is not null && await beforeRetry(token).ConfigureAwait(false) is { } adopted)
                {
                    return new HostedAttempt(call.Hash, number, Body: adopted.GetRawText());
                }

                return await OnceAsync(call, number, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        if (last.Body is not null)
        {
            return last.Body;
        }

        throw last.Refusal ?? new HostedFineTuningException(
            $"{call.Method} {call.Path} gave up after {attempts} attempts: {last.Retryable}", last.Retryable, null, isFinal: false);
    }

    public string Redact(string text) =>
        string.IsNullOrEmpty(options.ApiKey) ? text : text.Replace(options.ApiKey, Redacted, StringComparison.Ordinal);

    private async Task<HostedAttempt> OnceAsync(HostedCall call, int number, CancellationToken cancellationToken)
    {
        LlmHttpReply reply;
        using (var timeout = new CancellationTokenSource(options.RequestTimeout, time))
        using (var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                reply = await transport.SendAsync(call, attemptToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new HostedAttempt(call.Hash, number, Retryable: $"{LlmFailureKinds.Timeout}: no reply within {options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.ClientModel.ClientResultException)
            {
                return new HostedAttempt(call.Hash, number, Retryable: $"{LlmFailureKinds.Timeout}: connection failed ({Redact(ex.Message)})");
            }
        }

        return Classify(call, number, reply);
    }

    private HostedAttempt Classify(HostedCall call, int number, LlmHttpReply reply)
    {
        const string s = HostedFineTuningOptions.SectionName;
        var status = reply.Status;
        var what = $"{call.Method} {call.Path}";
        if (status is >= 200 and < 300 && call.Jsonl)
        {
            // A cut-off download ends in half a line; fetching the file again is free, so it is retried like a cut-off reply.
            return JsonlProblem(reply.Body) is { } problem
                ? new HostedAttempt(call.Hash, number, Retryable: $"{LlmFailureKinds.Malformed}: {what}: {problem}")
                : new HostedAttempt(call.Hash, number, Body: reply.Body);
        }

        if (status is >= 200 and < 300)
        {
            return IsComplete(reply.Body, call.Expect)
                ? new HostedAttempt(call.Hash, number, Body: reply.Body)
                : new HostedAttempt(call.Hash, number, Retryable: $"{LlmFailureKinds.Malformed}: HTTP {status} without '{call.Expect}': {Snippet(reply.Body)}");
        }

        var message = ProviderMessage(reply.Body);
        if (status is 401 or 403)
        {
            return Refused(call, number, $"{what}: the endpoint refused the credentials (HTTP {status}); check {s}:ApiKey and {s}:Endpoint. Provider said: {message}", message, status);
        }

        if (status == 404)
        {
            return Refused(call, number, $"{what}: no such route or object (HTTP 404); check {s}:Endpoint, {s}:Provider and {s}:AzureApiVersion. Provider said: {message}", message, status);
        }

        if (status == 429 && ErrorCode(reply.Body) == "insufficient_quota")
        {
            return Refused(call, number, $"{what}: out of quota (HTTP 429 insufficient_quota). Provider said: {message}", message, status);
        }

        if (status is 408 or 429 or >= 500)
        {
            var kind = status switch { 429 => LlmFailureKinds.RateLimited, 408 => LlmFailureKinds.Timeout, _ => LlmFailureKinds.ServerError };
            return new HostedAttempt(call.Hash, number, Retryable: $"{kind}: HTTP {status}: {message}", RetryAfter: reply.RetryAfter);
        }

        return Refused(call, number, $"{what} was refused (HTTP {status}). Provider said: {message}", message, status);
    }

    private HostedAttempt Refused(HostedCall call, int number, string text, string providerMessage, int status) =>
        new(call.Hash, number, Refusal: new HostedFineTuningException(Redact(text), providerMessage, status, isFinal: true));

    /// <summary>The first line (1-based) that is not a JSON object, or null when every non-empty line is one.</summary>
    private string? JsonlProblem(string body)
    {
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            return $"line {(i + 1).ToString(CultureInfo.InvariantCulture)} of the file is not a JSON object: {Snippet(lines[i])}";
        }

        return null;
    }

    private static bool IsComplete(string body, string expect)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(expect, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><c>error.message</c> of an OpenAI/Azure error body, else the body itself (shortened), redacted.</summary>
    private string ProviderMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return Snippet(message.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
        }

        return Snippet(body);
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Snippet(string body)
    {
        var text = Redact(body.ReplaceLineEndings(" ").Trim());
        return text.Length <= 500 ? text : text[..500] + "…";
    }
}
