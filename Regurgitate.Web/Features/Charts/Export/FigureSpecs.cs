using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Colors;

namespace Regurgitate.Web.Features.Charts.Export;

/// <summary>Paper figures of what an interactive Plotly chart shows: its scatter traces as series (other trace types are left out).</summary>
public static class FigureSpecs
{
    public static FigureSpec FromTraces(IEnumerable<ITrace> traces, string? title, string xLabel, string yLabel, string fileName, bool logX = false, bool logY = false, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var series = traces.OfType<Scatter>()
            .Where(s => s.X is not null && s.Y is not null)
            .Select(s => new FigureSeries(s.Name ?? string.Empty, [.. s.X.Select(Number)], [.. s.Y.Select(Number)]) { Color = ColorOf(s) })
            .ToList();
        return new FigureSpec
        {
            Title = title,
            XLabel = xLabel,
            YLabel = yLabel,
            LogX = logX,
            LogY = logY,
            Series = series,
            Caption = caption,
            FileName = fileName,
        };
    }

    /// <summary>
    /// The trace's own colour (a condition's, from <see cref="ColorPalettes"/>), so the exported figure shows each
    /// condition in the colour the dashboard gives it; null lets the figure's palette choose.
    /// </summary>
    private static string? ColorOf(Scatter trace) => trace.Line?.Color as string ?? trace.Marker?.Color as string;

    /// <summary>Whether any trace can be drawn as a paper figure.</summary>
    public static bool HasSeries(IEnumerable<ITrace> traces) => traces?.OfType<Scatter>().Any(s => s.X is not null && s.Y is not null) ?? false;

    private static double Number(object? value) => value switch
    {
        null => double.NaN,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        IConvertible c when double.TryParse(c.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => double.NaN,
    };
}
