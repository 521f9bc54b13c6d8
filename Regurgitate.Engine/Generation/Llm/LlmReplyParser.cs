using System.Text.Json;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// The parsing policy: raw chat-completion JSON → translation or failure. Separate from generation so it can be
/// re-run over a journal (<see cref="LlmGenerator.Parse"/>) when the policy changes, without paying again.
/// <para>Policy version 1, in order:</para>
/// <list type="number">
/// <item>finish_reason <c>content_filter</c> → failure <c>content_filter</c>; <c>message.refusal</c> set → failure <c>refusal</c>;
/// finish_reason <c>length</c> → failure <c>truncated</c> (a cut-off translation is not training data).</item>
/// <item>Content is trimmed; a surrounding Markdown code fence is removed.</item>
/// <item>Leading lines that end in a colon (“Here is the translation:”) are dropped, then the first non-empty line is kept
/// (the prompt asks for one sentence; anything after it is commentary).</item>
/// <item>A leading label <c>English:</c>, <c>Translation:</c>, <c>English translation:</c> (any case, optionally in <c>**bold**</c>) is removed.</item>
/// <item>One pair of matching surrounding quotes ("…", '…', “…”, „…“, «…», »…«) is removed, and the result trimmed.</item>
/// <item>Nothing left → failure <c>empty_reply</c>. Text that merely looks like an apology is kept: “Es tut mir leid” is “I'm sorry”.</item>
/// </list>
/// </summary>
public static class LlmReplyParser
{
    public const int PolicyVersion = 1;

    private static readonly string[] Labels = ["english translation", "translation", "english", "en"];

    private static readonly (char Open, char Close)[] Quotes =
    [
        ('"', '"'), ('\'', '\''), ('“', '”'), ('„', '“'), ('«', '»'), ('»', '«'), ('‘', '’'), ('"', '”'),
    ];

    public static LlmParsedReply Parse(string rawResponse)
    {
        ArgumentNullException.ThrowIfNull(rawResponse);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rawResponse);
        }
        catch (JsonException ex)
        {
            return new LlmParsedReply(null, $"{LlmFailureKinds.Malformed}: {ex.Message}");
        }

        using (document)
        {
            if (!TryGetFirstChoice(document.RootElement, out var choice) || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return new LlmParsedReply(null, $"{LlmFailureKinds.Malformed}: no choices[0].message");
            }

            var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (finish == "content_filter")
            {
                return new LlmParsedReply(null, $"{LlmFailureKinds.ContentFilter}: the reply was filtered (finish_reason content_filter)");
            }

            if (message.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(refusal.GetString()))
            {
                return new LlmParsedReply(null, $"{LlmFailureKinds.Refusal}: {refusal.GetString()}");
            }

            if (finish == "length")
            {
                return new LlmParsedReply(null, $"{LlmFailureKinds.Truncated}: the reply reached max_tokens");
            }

            var content = message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var text = Clean(content ?? "");
            return text.Length == 0
                ? new LlmParsedReply(null, $"{LlmFailureKinds.Empty}: the reply held no translation")
                : new LlmParsedReply(text, null);
        }
    }

    /// <summary>Steps 2–5 of the policy on a reply's text; empty when nothing is left.</summary>
    public static string Clean(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = content.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
            text = firstNewline < 0 ? "" : text[(firstNewline + 1)..];
            if (text.TrimEnd().EndsWith("```", StringComparison.Ordinal))
            {
                text = text.TrimEnd()[..^3];
            }
        }

        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        while (lines.Count > 1 && lines[0].EndsWith(':'))
        {
            lines.RemoveAt(0);
        }

        text = lines.Count == 0 ? "" : lines[0];
        text = StripLabel(text);
        text = StripQuotes(text);
        return text.Trim();
    }

    private static string StripLabel(string text)
    {
        var unbolded = text.StartsWith("**", StringComparison.Ordinal) ? text[2..] : text;
        foreach (var label in Labels)
        {
            if (unbolded.Length > label.Length && unbolded.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                var rest = unbolded[label.Length..];
                if (rest.StartsWith(":**", StringComparison.Ordinal))
                {
                    return rest[3..].Trim();
                }

                if (rest.StartsWith("**:", StringComparison.Ordinal))
                {
                    return rest[3..].Trim();
                }

                if (rest.StartsWith(':'))
                {
                    return rest[1..].Trim();
                }
            }
        }

        return text;
    }

    private static string StripQuotes(string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        foreach (var (open, close) in Quotes)
        {
            if (text[0] == open && text[^1] == close && text.IndexOf(close, 1) == text.Length - 1)
            {
                return text[1..^1].Trim();
            }
        }

        return text;
    }

    /// <summary>True when the body is a chat completion (has <c>choices[0].message</c>); reads its token usage.</summary>
    internal static bool IsChatCompletion(string body, out int? promptTokens, out int? completionTokens)
    {
        promptTokens = null;
        completionTokens = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!TryGetFirstChoice(root, out var choice) || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                promptTokens = usage.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt32(out var pv) ? pv : null;
                completionTokens = usage.TryGetProperty("completion_tokens", out var q) && q.TryGetInt32(out var qv) ? qv : null;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryGetFirstChoice(JsonElement root, out JsonElement choice)
    {
        choice = default;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return false;
        }

        choice = choices[0];
        return choice.ValueKind == JsonValueKind.Object;
    }
}
