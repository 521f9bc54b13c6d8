using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// <see cref="ChartState"/> in the address: <c>/compare/charts?runs=3,4&amp;metric=train/loss&amp;x=step&amp;smooth=ema&amp;sp=0.6&amp;group=Mixture.RealFraction&amp;band=ci95&amp;logy=1&amp;skip=10&amp;raw=0</c>.
/// Parameters at their default are left out; unknown or malformed values fall back to the default.
/// </summary>
public static class ChartStateUrl
{
    public const string Path = "/compare/charts";

    private static readonly ChartState Defaults = new();

    public static string Build(ChartState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string value) => query.Add(new(key, value));
        if (state.Runs.Count > 0)
        {
            Add("runs", string.Join(',', state.Runs.Select(r => r.ToString(CultureInfo.InvariantCulture))));
        }

        if (state.Metric != Defaults.Metric)
        {
            Add("metric", state.Metric);
        }

        if (state.Axis != Defaults.Axis)
        {
            Add("x", AxisName(state.Axis));
        }

        if (state.Smoothing != Defaults.Smoothing || !state.SmoothingParameter.Equals(Defaults.SmoothingParameter))
        {
            Add("smooth", SmoothingName(state.Smoothing));
            Add("sp", state.SmoothingParameter.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(state.GroupBy))
        {
            Add("group", state.GroupBy);
        }

        if (state.Band != Defaults.Band)
        {
            Add("band", BandName(state.Band));
        }

        if (state.LogX)
        {
            Add("logx", "1");
        }

        if (state.LogY)
        {
            Add("logy", "1");
        }

        if (state.SkipFirst > 0)
        {
            Add("skip", state.SkipFirst.ToString(CultureInfo.InvariantCulture));
        }

        if (!state.ShowRaw)
        {
            Add("raw", "0");
        }

        return query.Count == 0 ? Path : QueryHelpers.AddQueryString(Path, query);
    }

    /// <summary>The state in the query string of <paramref name="uri"/> (absolute or relative).</summary>
    public static ChartState Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var at = uri.IndexOf('?', StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(at < 0 ? string.Empty : uri[at..]);
        string? Get(string key) => query.TryGetValue(key, out var values) ? values.ToString() : null;

        var smoothing = Enum.GetValues<SmoothingKind>().FirstOrDefault(k => SmoothingName(k) == Get("smooth"), Defaults.Smoothing);
        var parameter = double.TryParse(Get("sp"), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && double.IsFinite(p) && p >= 0
            ? p
            : ChartState.DefaultParameter(smoothing);
        parameter = Math.Min(parameter, ChartState.MaxParameter(smoothing));

        return new ChartState
        {
            Runs = (Get("runs") ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
                .OfType<int>().Distinct().ToList(),
            Metric = string.IsNullOrWhiteSpace(Get("metric")) ? Defaults.Metric : Get("metric")!,
            Axis = Enum.GetValues<SeriesAxis>().FirstOrDefault(a => AxisName(a) == Get("x"), Defaults.Axis),
            Smoothing = smoothing,
            SmoothingParameter = parameter,
            GroupBy = string.IsNullOrWhiteSpace(Get("group")) ? null : Get("group"),
            Band = Enum.GetValues<BandKind>().FirstOrDefault(b => BandName(b) == Get("band"), Defaults.Band),
            LogX = Get("logx") == "1",
            LogY = Get("logy") == "1",
            SkipFirst = int.TryParse(Get("skip"), NumberStyles.None, CultureInfo.InvariantCulture, out var skip) ? skip : 0,
            ShowRaw = Get("raw") != "0",
        };
    }

    public static string AxisName(SeriesAxis axis) => axis switch
    {
        SeriesAxis.TokensSeen => "tokens",
        SeriesAxis.RealExamplesSeen => "real",
        SeriesAxis.SyntheticExamplesSeen => "synthetic",
        SeriesAxis.Epoch => "epoch",
        SeriesAxis.WallTime => "time",
        _ => "step",
    };

    public static string SmoothingName(SmoothingKind kind) => kind switch
    {
        SmoothingKind.Ema => "ema",
        SmoothingKind.Gaussian => "gaussian",
        SmoothingKind.RunningMean => "mean",
        _ => "none",
    };

    public static string BandName(BandKind band) => band switch
    {
        BandKind.StandardDeviation => "sd",
        BandKind.StandardError => "se",
        BandKind.MinMax => "minmax",
        BandKind.ConfidenceInterval95 => "ci95",
        _ => "none",
    };
}
