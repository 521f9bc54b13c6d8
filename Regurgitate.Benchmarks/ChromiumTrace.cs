using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Regurgitate.Benchmarks;

/// <summary>
/// A Chromium performance trace of one page through the DevTools protocol (Tracing.start … Tracing.end, read back from
/// the stream it returns): the renderer's main thread task by task — HTML parsing, script compilation and execution,
/// style, layout and paint — which the page's own timeline cannot show, with V8's sampling profile of the scripts (which
/// of Plotly's functions a draw spends its time in; it slows the traced page a little more).
/// </summary>
internal sealed class ChromiumTrace
{
    private const string Categories = "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-v8.cpu_profiler,v8.execute,blink.user_timing,loading,toplevel";
    private readonly ICDPSession session;
    private readonly TaskCompletionSource<string> stream = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumTrace(ICDPSession session)
    {
        this.session = session;
        session.Event("Tracing.tracingComplete").OnEvent += (_, e) => stream.TrySetResult(e!.Value.GetProperty("stream").GetString()!);
    }

    public static async Task<ChromiumTrace> StartAsync(IPage page)
    {
        var trace = new ChromiumTrace(await page.Context.NewCDPSessionAsync(page));
        await trace.session.SendAsync("Tracing.start", new Dictionary<string, object> { ["categories"] = Categories, ["transferMode"] = "ReturnAsStream" });
        return trace;
    }

    public async Task SaveAsync(string file)
    {
        await session.SendAsync("Tracing.end");
        var handle = await stream.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await using var output = File.Create(file);
        while (true)
        {
            var chunk = (await session.SendAsync("IO.read", new Dictionary<string, object> { ["handle"] = handle, ["size"] = 1 << 20 }))!.Value;
            var data = chunk.GetProperty("data").GetString() ?? string.Empty;
            var bytes = chunk.TryGetProperty("base64Encoded", out var encoded) && encoded.GetBoolean() ? Convert.FromBase64String(data) : Encoding.UTF8.GetBytes(data);
            await output.WriteAsync(bytes);
            if (chunk.TryGetProperty("eof", out var eof) && eof.GetBoolean())
            {
                break;
            }
        }

        await session.SendAsync("IO.close", new Dictionary<string, object> { ["handle"] = handle });
        await session.DetachAsync();
    }

    /// <summary>
    /// One line on the last navigation's renderer main thread: how long it was busy (top-level tasks) out of the time
    /// traced, when Plotly's script was requested, how long it was compiled off the main thread and run on it, and the
    /// longest task (on the comparison, Plotly's first draw).
    /// </summary>
    public static string Summarise(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var events = (document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("traceEvents")).EnumerateArray().ToList();
        var navigation = events.Last(e => Name(e) == "navigationStart");
        var (pid, start) = (navigation.GetProperty("pid").GetInt32(), Micros(navigation, "ts"));
        var main = events.First(e => Name(e) == "thread_name" && e.GetProperty("pid").GetInt32() == pid
            && e.GetProperty("args").GetProperty("name").GetString() == "CrRendererMain").GetProperty("tid").GetInt32();
        var tasks = events.Where(e => e.GetProperty("pid").GetInt32() == pid && e.TryGetProperty("tid", out var tid) && tid.GetInt32() == main
                && e.GetProperty("ph").GetString() == "X" && e.TryGetProperty("dur", out _) && Micros(e, "ts") >= start)
            .Select(e => (Start: Micros(e, "ts") - start, Duration: Micros(e, "dur"))).OrderBy(t => t.Start).ToList();

        // Top-level tasks only: each event nested in an earlier one is part of its time.
        var topLevel = new List<(double Start, double Duration)>();
        foreach (var task in tasks.Where(task => topLevel.Count == 0 || task.Start >= topLevel[^1].Start + topLevel[^1].Duration))
        {
            topLevel.Add(task);
        }

        var end = tasks.Max(t => t.Start + t.Duration);
        var longest = topLevel.MaxBy(t => t.Duration);
        double? Plotly(string name, string field) => events
            .Where(e => Name(e) == name && e.GetProperty("pid").GetInt32() == pid && Micros(e, "ts") >= start && e.GetProperty("args").GetRawText().Contains("plotly-basic", StringComparison.Ordinal))
            .Select(e => field == "ts" ? Micros(e, "ts") - start : Micros(e, "dur")).Cast<double?>().FirstOrDefault();
        return string.Create(CultureInfo.InvariantCulture,
            $"main thread busy {topLevel.Sum(t => t.Duration) / 1000:F0} of {end / 1000:F0} ms; Plotly requested at {Plotly("ResourceSendRequest", "ts") / 1000:F0} ms, "
            + $"compiled off the main thread {Plotly("v8.parseOnBackground", "dur") / 1000:F0} ms, run {Plotly("EvaluateScript", "dur") / 1000:F0} ms; "
            + $"longest task {longest.Duration / 1000:F0} ms at {longest.Start / 1000:F0} ms");
    }

    private static string? Name(JsonElement e) => e.TryGetProperty("name", out var name) ? name.GetString() : null;

    private static double Micros(JsonElement e, string property) => e.GetProperty(property).GetDouble();
}
