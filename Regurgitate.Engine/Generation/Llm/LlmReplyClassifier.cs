using System.Text.Json;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Decides what one HTTP reply means for its request: a journal row to keep (answer or final failure), a fatal
/// configuration error that stops the generation, or a transient failure worth retrying. Every text it writes passes
/// through <see cref="Redact"/>, because server messages sometimes echo the API key.
/// </summary>
internal sealed class LlmReplyClassifier(LlmGeneratorOptions options, LlmCostModel costs, TimeProvider time)
{
    private const string Redacted = "[redacted]";

    public (LlmJournalEntry? Entry, LlmGenerationAbortedException? Fatal, string? Transient, bool FinalIfExhausted) Classify(LlmRequest request, LlmHttpReply reply, DateTimeOffset started, int attempt)
    {
        const string s = LlmGeneratorOptions.SectionName;
        var status = reply.Status;
        if (status == 200)
        {
            if (LlmReplyParser.IsChatCompletion(reply.Body, out var promptTokens, out var completionTokens))
            {
                var cost = costs.Cost(promptTokens ?? 0, completionTokens ?? 0);
                return (new LlmJournalEntry
                {
                    Hash = request.Hash, Source = request.SourceIndex, Sample = request.Sample, Request = request.Body,
                    Status = status, Response = reply.Body, Final = true, Attempts = attempt,
                    PromptTokens = promptTokens, CompletionTokens = completionTokens, Cost = cost,
                    StartedAt = started, CompletedAt = time.GetUtcNow(),
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

    /// <summary>The journal row of a request that ended without an answer.</summary>
    public LlmJournalEntry Failure(LlmRequest request, int? status, string failure, bool final, DateTimeOffset started, int attempts) => new()
    {
        Hash = request.Hash, Source = request.SourceIndex, Sample = request.Sample, Request = request.Body,
        Status = status, Failure = Redact(attempts > 1 ? $"{failure} (after {attempts} attempts)" : failure), Final = final,
        Attempts = attempts, StartedAt = started, CompletedAt = time.GetUtcNow(),
    };

    public string Redact(string text) =>
        string.IsNullOrEmpty(options.ApiKey) ? text : text.Replace(options.ApiKey, Redacted, StringComparison.Ordinal);

    private string Snippet(string body)
    {
        var text = Redact(body.ReplaceLineEndings(" ").Trim());
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
