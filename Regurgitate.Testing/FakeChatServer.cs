using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Regurgitate.Testing;

/// <summary>
/// An OpenAI-compatible (and Azure-shaped) chat-completions server on 127.0.0.1 and a free port, answering each
/// request with a script. Counts requests per cache-key hash and the most requests it ever held at once.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<FakeRequest, FakeReply> script;
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int inFlight;
    private int maxInFlight;

    public FakeChatServer(Func<FakeRequest, FakeReply> script)
    {
        this.script = script;
        var port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Root = new Uri($"http://127.0.0.1:{port}/");
        loop = Task.Run(AcceptAsync);
    }

    public Uri Root { get; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public int MaxConcurrent => Volatile.Read(ref maxInFlight);

    public int CountFor(string hash) => attempts.TryGetValue(hash, out var n) ? n : 0;

    public IReadOnlyDictionary<string, int> CountsByHash => attempts;


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
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var hash = context.Request.Headers["x-regurgitate-request"];
            var attempt = hash is null ? 1 : attempts.AddOrUpdate(hash, 1, (_, n) => n + 1);
            var request = new FakeRequest(
                context.Request.Url!.AbsolutePath,
                hash,
                attempt,
                context.Request.Headers["api-key"],
                context.Request.Headers["Authorization"],
                body,
                UserMessage(body));
            Requests.Enqueue(request);
            var reply = script(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, stop.Token);
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stop.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout test) or the server is stopping.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private static string UserMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
            {
                if (message.GetProperty("role").GetString() == "user")
                {
                    return message.GetProperty("content").GetString() ?? "";
                }
            }
        }
        catch (JsonException)
        {
        }

        return "";
    }

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
