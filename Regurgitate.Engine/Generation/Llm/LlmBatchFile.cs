using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.Engine.Hosted;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// The two JSONL shapes of the Batch API. Input: one line per request,
/// <c>{"custom_id","method":"POST","url","body"}</c>, where <c>custom_id</c> is the request's cache hash (so every
/// result maps back to its journal key) and <c>body</c> the exact chat body of chat mode (plus <c>model</c>, which Azure
/// takes from the deployment URL in chat mode but from the body in a batch). Output and error files: one line per
/// request, <c>{"id","custom_id","response":{"status_code","request_id","body"},"error":{"code","message"}}</c>.
/// </summary>
internal static class LlmBatchFile
{
    /// <summary>Azure's batch lines and batch name the route without the <c>/v1</c> prefix OpenAI requires.</summary>
    public static string Url(LlmProvider provider) => provider == LlmProvider.AzureOpenAI ? "/chat/completions" : "/v1/chat/completions";

    public static HostedTrainingFile Build(IReadOnlyList<LlmRequest> requests, LlmGeneratorOptions options)
    {
        var url = Url(options.Provider);
        var text = new StringBuilder();
        foreach (var request in requests)
        {
            var body = JsonNode.Parse(request.Body)!.AsObject();
            if (!body.ContainsKey("model"))
            {
                body.Insert(0, "model", options.Model);
            }

            var line = new JsonObject
            {
                ["custom_id"] = request.Hash,
                ["method"] = "POST",
                ["url"] = url,
                ["body"] = body,
            };
            text.Append(line.ToJsonString()).Append('\n');
        }

        return HostedTrainingFile.FromJsonl(Encoding.UTF8.GetBytes(text.ToString()), requests.Count, 0);
    }

    /// <summary>
    /// The rows of a downloaded output or error file (already checked line by line by the download). A line without a
    /// <c>custom_id</c> cannot be mapped back to a request, so it is an error naming its line.
    /// </summary>
    public static IEnumerable<LlmBatchRow> Parse(string text, string fileId)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            using var document = JsonDocument.Parse(lines[i]);
            var root = document.RootElement;
            var customId = HostedFileUploader.Text(root, "custom_id")
                ?? throw new LlmBatchFailedException($"Line {i + 1} of the batch result file {fileId} has no custom_id: {Shorten(lines[i])}");
            int? status = null;
            string? body = null;
            if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
            {
                status = response.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;
                body = response.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null ? b.GetRawText() : null;
            }

            string? error = null;
            if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                error = $"{HostedFileUploader.Text(e, "code") ?? "error"}: {HostedFileUploader.Text(e, "message") ?? e.GetRawText()}";
            }

            yield return new LlmBatchRow(customId, i + 1, status, body, error);
        }
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
