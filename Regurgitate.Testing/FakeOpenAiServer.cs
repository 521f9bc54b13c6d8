using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.Testing;

/// <summary>
/// An OpenAI-compatible (and Azure-shaped: <c>/openai/…?api-version=</c>) files, fine-tuning and chat server on
/// 127.0.0.1 and a free port (jobs can be cancelled). Files are processed after <see cref="FileProcessingPolls"/> looks; a job moves
/// queued → running → its <see cref="Outcome"/> over <see cref="PollsToFinish"/> looks. <see cref="Faults"/> scripts
/// failures per call. <see cref="Uploads"/>, <see cref="JobsCreated"/> and <see cref="BatchesCreated"/> count what was
/// really created. The Batch API lives in <c>FakeOpenAiServer.Batches.cs</c>.
/// </summary>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> filePolls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeFineTuningJob> jobs = new(StringComparer.Ordinal);
    private readonly Lock state = new();
    private readonly Task loop;

    public FakeOpenAiServer()
    {
        var port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Root = new Uri($"http://127.0.0.1:{port}/");
        loop = Task.Run(AcceptAsync);
    }

    public Uri Root { get; }

    /// <summary>Returns a fault for a call, or null to handle it normally.</summary>
    public Func<FakeOpenAiCall, FakeOpenAiFault?> Faults { get; set; } = _ => null;

    /// <summary>Returns the rejection message of an uploaded file's text (answered 400), or null to accept it.</summary>
    public Func<string, string?> RejectFile { get; set; } = _ => null;

    public Func<FakeFineTuningJob, FakeJobOutcome> Outcome { get; set; } = _ => FakeJobOutcome.Succeeded;

    public int PollsToFinish { get; set; } = 3;

    public int FileProcessingPolls { get; set; }

    /// <summary>Answers chat completions; the default translates nothing and echoes the user message.</summary>
    public Func<FakeOpenAiCall, FakeReply> Chat { get; set; } = call => FakeReply.Success(call.Body);

    public ConcurrentQueue<FakeOpenAiCall> Calls { get; } = new();

    public int Uploads { get; private set; }

    public int JobsCreated { get; private set; }

    /// <summary>Jobs cancelled through <c>POST fine_tuning/jobs/{id}/cancel</c> before they ended.</summary>
    public int JobsCancelled { get; private set; }

    /// <summary>The text of every file uploaded, by id.</summary>
    public ConcurrentDictionary<string, string> FileContents { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<FakeFineTuningJob> Jobs
    {
        get
        {
            lock (state)
            {
                return [.. jobs.Values];
            }
        }
    }

    public int CountOf(string method, string route) => Calls.Count(c => c.Method == method && c.Route == route);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested || !listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, stop.Token);
            var bytes = buffer.ToArray();
            var route = context.Request.Url!.AbsolutePath;
            foreach (var prefix in new[] { "/openai", "/v1" })
            {
                route = route.StartsWith(prefix + "/", StringComparison.Ordinal) ? route[prefix.Length..] : route;
            }

            var method = context.Request.HttpMethod;
            var attempt = attempts.AddOrUpdate(method + " " + route, 1, (_, n) => n + 1);
            var call = new FakeOpenAiCall(method, route, context.Request.Url.Query, attempt, context.Request.Headers["api-key"], context.Request.Headers["Authorization"], Encoding.UTF8.GetString(bytes), DateTimeOffset.UtcNow);
            Calls.Enqueue(call);
            var fault = Faults(call);
            var reply = fault?.Instead ?? Handle(call, bytes, context.Request.ContentType);
            if (fault?.DropAfter == true)
            {
                context.Response.Abort();
                return;
            }

            var body = fault?.TruncateAfter == true ? reply.Body[..(reply.Body.Length / 2)] : reply.Body;
            var output = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength64 = output.Length;
            await context.Response.OutputStream.WriteAsync(output, stop.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private FakeReply Handle(FakeOpenAiCall call, byte[] body, string? contentType)
    {
        var segments = call.Route.Trim('/').Split('/');
        lock (state)
        {
            if (HandleBatch(call, segments) is { } batchReply)
            {
                return batchReply;
            }

            return (call.Method, segments) switch
            {
                ("POST", ["files"]) => Upload(body, contentType),
                ("GET", ["files"]) => List(files.Values),
                ("GET", ["files", var id]) => files.TryGetValue(id, out var file) ? Ok(LookAtFile(id, file)) : NotFound(id),
                ("POST", ["fine_tuning", "jobs"]) => CreateJob(call.Body),
                ("GET", ["fine_tuning", "jobs"]) => List(jobs.Values.Reverse().Select(Json)),
                ("GET", ["fine_tuning", "jobs", var id]) => jobs.TryGetValue(id, out var job) ? Ok(Json(Advance(job))) : NotFound(id),
                ("GET", ["fine_tuning", "jobs", var id, "events"]) => jobs.TryGetValue(id, out var job) ? Events(job) : NotFound(id),
                ("POST", ["fine_tuning", "jobs", var id, "cancel"]) => jobs.TryGetValue(id, out var job) ? Ok(Json(CancelJob(job))) : NotFound(id),
                ("POST", [.., "chat", "completions"]) => Chat(call),
                _ => new FakeReply(404, """{"error":{"message":"No such route."}}"""),
            };
        }
    }

    private FakeReply Upload(byte[] body, string? contentType)
    {
        var parts = FakeMultipart.Parse(body, contentType);
        var purpose = parts.Where(p => p.Name == "purpose").Select(p => Encoding.UTF8.GetString(p.Content)).FirstOrDefault();
        var file = parts.FirstOrDefault(p => p.Name == "file");
        if (file.FileName is null || purpose is not ("fine-tune" or "batch"))
        {
            return BadRequest("Expected a multipart body with 'purpose' fine-tune or batch and a 'file' part.", "invalid_request");
        }

        var text = Encoding.UTF8.GetString(file.Content);
        if (RejectFile(text) is { } rejection)
        {
            return BadRequest(rejection, "invalid_file_format");
        }

        Uploads++;
        var id = $"file-{Uploads:D4}";
        files[id] = new JsonObject
        {
            ["id"] = id, ["object"] = "file", ["bytes"] = file.Content.Length, ["created_at"] = 1700000000,
            ["filename"] = file.FileName, ["purpose"] = purpose, ["status"] = FileProcessingPolls > 0 ? "pending" : "processed",
        };
        FileContents[id] = text;
        return Ok(files[id]);
    }

    private JsonObject LookAtFile(string id, JsonObject file)
    {
        var polls = filePolls[id] = filePolls.GetValueOrDefault(id) + 1;
        if (polls >= FileProcessingPolls)
        {
            file["status"] = "processed";
        }

        return file;
    }

    private FakeReply CreateJob(string body)
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

        var fileId = request["training_file"]?.GetValue<string>();
        if (fileId is null || !files.TryGetValue(fileId, out var file))
        {
            return BadRequest($"Invalid file id: {fileId}.", "invalid_training_file");
        }

        JobsCreated++;
        var job = new FakeFineTuningJob($"ftjob-{JobsCreated:D4}", fileId, request, (FileContents[fileId].Length + 3) / 4, FileContents[fileId].Count(c => c == '\n'));
        jobs[job.Id] = job;
        return Ok(Json(job));
    }

    /// <summary>As the API does: a job that has not ended is cancelled at once; an ended one is answered as it is.</summary>
    private FakeFineTuningJob CancelJob(FakeFineTuningJob job)
    {
        if (job.Status is not ("succeeded" or "failed" or "cancelled"))
        {
            JobsCancelled++;
            job.Status = "cancelled";
            job.Events.Add(("info", "Job cancelled."));
        }

        return job;
    }

    private FakeFineTuningJob Advance(FakeFineTuningJob job)
    {
        if (job.Status is "succeeded" or "failed" or "cancelled")
        {
            return job;
        }

        job.Polls++;
        var next = job.Polls >= PollsToFinish ? Outcome(job) : new FakeJobOutcome(job.Polls == 1 ? "queued" : "running");
        if (next.Status != job.Status)
        {
            job.Status = next.Status;
            job.Error = next.Error;
            job.Events.Add((next.Status == "failed" ? "error" : "info", next.Error ?? $"Job {next.Status}."));
            if (next.Status == "succeeded")
            {
                job.FineTunedModel = $"ft:{job.Request["model"]}:regurgitate::{job.Id}";
            }
        }

        return job;
    }

    private static JsonObject Json(FakeFineTuningJob job)
    {
        var done = job.Status is "succeeded" or "failed" or "cancelled";
        var epochs = job.Request["hyperparameters"]?["n_epochs"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 3;
        return new JsonObject
        {
            ["id"] = job.Id, ["object"] = "fine_tuning.job", ["model"] = job.Request["model"]?.DeepClone(),
            ["training_file"] = job.TrainingFile, ["status"] = job.Status, ["seed"] = job.Request["seed"]?.DeepClone(),
            ["hyperparameters"] = job.Request["hyperparameters"]?.DeepClone(), ["fine_tuned_model"] = job.FineTunedModel,
            ["trained_tokens"] = job.Status == "succeeded" ? job.TrainingTokens * epochs : null,
            ["error"] = job.Error is null ? null : new JsonObject { ["code"] = "invalid_training_data", ["message"] = job.Error },
            ["finished_at"] = done ? 1700001000 : null,
        };
    }

    private static FakeReply Events(FakeFineTuningJob job) =>
        List(job.Events.Select((e, i) => new JsonObject
        {
            ["id"] = $"{job.Id}-event-{i}", ["object"] = "fine_tuning.job.event", ["level"] = e.Level, ["message"] = e.Message,
            ["created_at"] = 1700000000 + i,
        }).Reverse());

    private static FakeReply List(IEnumerable<JsonObject> items) =>
        Ok(new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. items.Select(i => i.DeepClone())]), ["has_more"] = false });

    private static FakeReply Ok(JsonObject body) => new(200, body.ToJsonString());

    private static FakeReply NotFound(string id) =>
        new(404, JsonSerializer.Serialize(new { error = new { message = $"No such object: {id}", type = "invalid_request_error" } }));

    private static FakeReply BadRequest(string message, string code) =>
        new(400, JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error", code } }));

    public static FakeReply RateLimited(int retryAfterSeconds) =>
        new(429, """{"error":{"code":"rate_limit_exceeded","message":"Rate limit reached."}}""", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception)
        {
        }

        stop.Dispose();
    }
}
