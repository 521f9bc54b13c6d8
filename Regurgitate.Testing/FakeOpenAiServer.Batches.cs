using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.Testing;

/// <summary>
/// The Batch API of <see cref="FakeOpenAiServer"/>: <c>POST batches</c>, <c>GET batches[/{id}]</c>,
/// <c>POST batches/{id}/cancel</c> and <c>GET files/{id}/content</c>. A batch moves validating → in_progress → its
/// <see cref="BatchOutcome"/> over <see cref="PollsToFinish"/> looks; a completed one answers every input line with
/// <see cref="Chat"/> (200s in the output file, others in the error file, as the API does), an expired or cancelled one
/// the first half of them, a failed one none.
/// </summary>
public sealed partial class FakeOpenAiServer
{
    private readonly Dictionary<string, FakeBatch> batches = new(StringComparer.Ordinal);
    private int resultFiles;

    /// <summary>How a batch ends: <c>completed</c> (default), <c>failed</c> (with its error message), <c>expired</c> or <c>cancelled</c>.</summary>
    public Func<FakeBatch, FakeJobOutcome> BatchOutcome { get; set; } = _ => new FakeJobOutcome("completed");

    /// <summary>Returns the provider's error for an input line's custom_id (written to the error file without a response), or null to answer it.</summary>
    public Func<string, string?> BatchRowError { get; set; } = _ => null;

    public int BatchesCreated { get; private set; }

    public IReadOnlyList<FakeBatch> Batches
    {
        get
        {
            lock (state)
            {
                return [.. batches.Values];
            }
        }
    }

    private FakeReply? HandleBatch(FakeOpenAiCall call, string[] segments) => (call.Method, segments) switch
    {
        ("GET", ["files", var id, "content"]) => FileContents.TryGetValue(id, out var text) ? new FakeReply(200, text) : NotFound(id),
        ("POST", ["batches"]) => CreateBatch(call.Body),
        ("GET", ["batches"]) => List(batches.Values.Reverse().Select(Json)),
        ("GET", ["batches", var id]) => batches.TryGetValue(id, out var batch) ? Ok(Json(Advance(batch))) : NotFound(id),
        ("POST", ["batches", var id, "cancel"]) => batches.TryGetValue(id, out var batch) ? Ok(Json(Cancel(batch))) : NotFound(id),
        _ => null,
    };

    private FakeReply CreateBatch(string body)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            return BadRequest("Body is not JSON: " + ex.Message, "invalid_request");
        }

        var fileId = request["input_file_id"]?.GetValue<string>();
        var endpoint = request["endpoint"]?.GetValue<string>();
        if (fileId is null || !files.TryGetValue(fileId, out var file) || file["purpose"]?.GetValue<string>() != "batch")
        {
            return BadRequest($"Invalid input file id: {fileId} (it must be uploaded with purpose 'batch').", "invalid_request");
        }

        if (endpoint is not ("/v1/chat/completions" or "/chat/completions") || request["completion_window"]?.GetValue<string>() != "24h")
        {
            return BadRequest("endpoint must be a chat completions route and completion_window '24h'.", "invalid_request");
        }

        BatchesCreated++;
        var lines = FileContents[fileId].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var batch = new FakeBatch($"batch_{BatchesCreated:D4}", fileId, endpoint, request, lines);
        batches[batch.Id] = batch;
        return Ok(Json(batch));
    }

    private FakeBatch Advance(FakeBatch batch)
    {
        if (IsEnded(batch))
        {
            return batch;
        }

        batch.Polls++;
        if (batch.Polls < PollsToFinish)
        {
            batch.Status = batch.Polls == 1 ? "validating" : "in_progress";
            return batch;
        }

        var outcome = BatchOutcome(batch);
        var invalid = batch.Lines.Select((line, i) => (Problem: LineProblem(line, batch.Endpoint), Line: i + 1)).FirstOrDefault(p => p.Problem is not null);
        if (invalid.Problem is not null)
        {
            outcome = new FakeJobOutcome("failed", $"line {invalid.Line}: {invalid.Problem}");
        }

        End(batch, outcome.Status, outcome.Error);
        return batch;
    }

    private FakeBatch Cancel(FakeBatch batch)
    {
        if (!IsEnded(batch))
        {
            End(batch, "cancelled", null);
        }

        return batch;
    }

    private static bool IsEnded(FakeBatch batch) => batch.Status is "completed" or "failed" or "expired" or "cancelled";

    private void End(FakeBatch batch, string status, string? error)
    {
        batch.Status = status;
        batch.Error = error;
        var answered = status switch { "completed" => batch.Lines.Count, "failed" => 0, _ => batch.Lines.Count / 2 };
        var output = new List<string>();
        var errors = new List<string>();
        for (var i = 0; i < answered; i++)
        {
            var line = JsonNode.Parse(batch.Lines[i])!.AsObject();
            var customId = line["custom_id"]!.GetValue<string>();
            var number = $"{batch.Id}-{i + 1}";
            if (BatchRowError(customId) is { } rowError)
            {
                errors.Add(new JsonObject
                {
                    ["id"] = "batch_req_" + number, ["custom_id"] = customId, ["response"] = null,
                    ["error"] = new JsonObject { ["code"] = "server_error", ["message"] = rowError },
                }.ToJsonString());
                continue;
            }

            var reply = Chat(new FakeOpenAiCall("POST", "/chat/completions", "", 1, null, null, line["body"]!.ToJsonString(), DateTimeOffset.UtcNow));
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(reply.Body);
            }
            catch (JsonException)
            {
                body = JsonValue.Create(reply.Body);
            }

            var result = new JsonObject
            {
                ["id"] = "batch_req_" + number, ["custom_id"] = customId,
                ["response"] = new JsonObject { ["status_code"] = reply.Status, ["request_id"] = "req_" + number, ["body"] = body },
                ["error"] = null,
            }.ToJsonString();
            (reply.Status == 200 ? output : errors).Add(result);
        }

        batch.Completed = output.Count;
        batch.Failed = errors.Count;
        batch.OutputFileId = output.Count > 0 ? AddResultFile(output, "batch_output") : null;
        batch.ErrorFileId = errors.Count > 0 ? AddResultFile(errors, "batch_output") : null;
    }

    private string AddResultFile(List<string> lines, string purpose)
    {
        resultFiles++;
        var id = $"file-result-{resultFiles:D4}";
        var text = string.Join('\n', lines) + "\n";
        files[id] = new JsonObject { ["id"] = id, ["object"] = "file", ["bytes"] = text.Length, ["filename"] = id + ".jsonl", ["purpose"] = purpose, ["status"] = "processed" };
        FileContents[id] = text;
        return id;
    }

    /// <summary>What the API's validation step checks of one input line.</summary>
    private static string? LineProblem(string line, string endpoint)
    {
        try
        {
            var node = JsonNode.Parse(line) as JsonObject;
            return node is null ? "not a JSON object"
                : node["custom_id"] is null ? "no custom_id"
                : node["method"]?.GetValue<string>() != "POST" ? "method must be POST"
                : node["url"]?.GetValue<string>() != endpoint ? $"url must be the batch's endpoint {endpoint}"
                : node["body"] is not JsonObject body ? "no body"
                : body["model"] is null ? "the body names no model"
                : null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private static JsonObject Json(FakeBatch batch) => new()
    {
        ["id"] = batch.Id, ["object"] = "batch", ["endpoint"] = batch.Endpoint, ["input_file_id"] = batch.InputFileId,
        ["completion_window"] = "24h", ["status"] = batch.Status, ["output_file_id"] = batch.OutputFileId,
        ["error_file_id"] = batch.ErrorFileId, ["created_at"] = 1700000000,
        ["errors"] = batch.Error is null ? null : new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["code"] = "invalid_request", ["message"] = batch.Error, ["line"] = null }),
        },
        ["request_counts"] = new JsonObject { ["total"] = batch.Lines.Count, ["completed"] = batch.Completed, ["failed"] = batch.Failed },
    };
}
