namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// One line of a chart: which stored metric it draws, under what legend label, in what colour. A per-step curve
/// is drawn without markers: Plotly redraws every marker on each live append, which at a few thousand points
/// costs ~120 ms per append in Chromium (a line alone ~15 ms), enough to stall a page watching a long run.
/// </summary>
public sealed record ChartSeries(string MetricName, string Label, string Color, bool Markers = true);
