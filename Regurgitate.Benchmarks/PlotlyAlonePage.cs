using System.Net;
using System.Text;
using Regurgitate.Testing;

namespace Regurgitate.Benchmarks;

/// <summary>
/// The floor under the comparison chart's time: a page with nothing but Plotly's script (the app's own file, from the
/// app's address, so it is cached and compiled as the app's is) and the same figure the app drew — its traces with their
/// numbers as typed arrays, its layout and config, in a box of the same size — drawn by the same <c>Plotly.react</c>
/// call as soon as the script has run. No Blazor, no MudBlazor, no circuit, no data transfer: how fast any page that
/// draws these 40 lines with Plotly can be on this machine. Served on its own loopback port by an
/// <see cref="HttpListener"/> (uncached, like the app's pages).
/// </summary>
internal sealed class PlotlyAlonePage : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly byte[] html;
    private readonly Task serving;

    private PlotlyAlonePage(byte[] html, int port)
    {
        this.html = html;
        Address = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Address.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>
    /// An empty page at the same address, to open first: the benchmark reaches the app's chart from the runs page in the
    /// same tab, so the browser's process for the site has started before; timed from a new tab, this page would pay for it.
    /// </summary>
    public Uri BlankAddress => new(Address, "blank");

    private static readonly byte[] Blank = Encoding.UTF8.GetBytes("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><title>blank</title></head><body></body></html>");

    /// <summary>A page that draws <paramref name="figureJson"/> (<see cref="CaptureScript"/>'s result) with the script at <paramref name="plotlyScript"/>.</summary>
    public static PlotlyAlonePage Start(string figureJson, Uri plotlyScript)
    {
        // Inside a JSON script element only "<" could end it early; \u003c means the same to JSON.parse.
        var page = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8" /><title>Plotly alone</title></head>
            <body style="margin:0">
            <div id="chart" data-testid="compare-chart"></div>
            <script id="figure" type="application/json">{{figureJson.Replace("<", "\\u003c", StringComparison.Ordinal)}}</script>
            <script src="{{plotlyScript}}"></script>
            <script>
              const figure = JSON.parse(document.getElementById('figure').textContent);
              const chart = document.getElementById('chart');
              chart.style.width = figure.width + 'px';
              chart.style.height = figure.height + 'px';
              for (const trace of figure.data) {
                trace.x = Float64Array.from(trace.x, v => v ?? NaN);
                trace.y = Float32Array.from(trace.y, v => v ?? NaN);
              }
              Plotly.react(chart, figure.data, figure.layout, figure.config);
            </script>
            </body>
            </html>
            """;
        return new PlotlyAlonePage(Encoding.UTF8.GetBytes(page), LoopbackPort.Free());
    }

    /// <summary>
    /// Page script that returns, as JSON, the first figure the page drew (recorded by <see cref="ComparisonUiProbes.PlotlyProbe"/>)
    /// and the size of the box it was drawn in; gaps in the numbers (NaN) become null.
    /// </summary>
    public const string CaptureScript = """
        () => {
          const [element, data, layout, config] = window.__firstDrawArguments;
          const box = element.getBoundingClientRect();
          const plain = data.map(trace => ({ ...trace, x: Array.from(trace.x), y: Array.from(trace.y) }));
          return JSON.stringify({ data: plain, layout, config, width: Math.round(box.width), height: Math.round(box.height) });
        }
        """;

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: that is how serving ends.
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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var body = context.Request.Url?.AbsolutePath switch
            {
                "/" => html,
                "/blank" => Blank,
                _ => null,
            };
            if (body is null)
            {
                response.StatusCode = 404;
                continue;
            }

            response.ContentType = "text/html; charset=utf-8";
            response.Headers["Cache-Control"] = "no-store";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }
}
