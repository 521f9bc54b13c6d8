using System.Net;

namespace Regurgitate.Workbench.Tests.Datasets;

/// <summary>
/// Serves one file over HTTP on a loopback port with HttpListener: honours Range requests (unless told not to), can
/// drop the connection midway through the first responses, and records every request's Range header.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private int dropsLeft;

    public LoopbackFileServer(byte[] content, int dropFirstResponses = 0, bool supportRange = true, HttpStatusCode status = HttpStatusCode.OK)
    {
        Content = content;
        dropsLeft = dropFirstResponses;
        SupportRange = supportRange;
        Status = status;
        var port = LoopbackPort.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(BaseAddress.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public byte[] Content { get; }
    public bool SupportRange { get; }
    public HttpStatusCode Status { get; }
    public Uri BaseAddress { get; }
    public Uri FileUrl => new(BaseAddress, "corpus.tgz");
    public List<string?> RangeHeaders { get; } = [];

    /// <summary>Set by a test to hold a response open after this many bytes until released (for cancellation).</summary>
    public TaskCompletionSource? Stall { get; set; }

    public async ValueTask DisposeAsync()
    {
        Stall?.TrySetResult();
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var range = context.Request.Headers["Range"];
            lock (RangeHeaders)
            {
                RangeHeaders.Add(range);
            }

            if (Status != HttpStatusCode.OK)
            {
                response.StatusCode = (int)Status;
                response.Close();
                return;
            }

            long start = 0;
            if (SupportRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                start = long.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
                if (start >= Content.Length)
                {
                    response.StatusCode = 416;
                    response.Headers["Content-Range"] = $"bytes */{Content.Length}";
                    response.Close();
                    return;
                }

                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {start}-{Content.Length - 1}/{Content.Length}";
            }

            response.ContentLength64 = Content.Length - start;
            var drop = Interlocked.Decrement(ref dropsLeft) >= 0;
            var half = (int)(Content.Length - start) / 2;
            if (drop)
            {
                await response.OutputStream.WriteAsync(Content.AsMemory((int)start, half));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }

            if (Stall is { } stall)
            {
                await response.OutputStream.WriteAsync(Content.AsMemory((int)start, half));
                await response.OutputStream.FlushAsync();
                await stall.Task;
                response.Abort();
                return;
            }

            await response.OutputStream.WriteAsync(Content.AsMemory((int)start));
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }

}
