namespace Regurgitate.Web.Features.Charts;

/// <summary>One line of a chart: which stored metric it draws, under what legend label, in what colour.</summary>
public sealed record ChartSeries(string MetricName, string Label, string Color);
