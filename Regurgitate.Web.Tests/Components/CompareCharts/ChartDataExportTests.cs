using Regurgitate.Web.Features.Compare;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

public sealed class ChartDataExportTests
{
    private static readonly ComparisonChartData Data = new(
        new SeriesQuery([1, 2], MetricNames.TrainLoss, SeriesAxis.Step, SmoothingOptions.DefaultEma),
        [
            new ChartTrace("#1 real", "1", "#332288", ChartTraceKind.Raw, [1], [1, 2], [3.5, double.NaN]),
            new ChartTrace("#1 real", "1", "#332288", ChartTraceKind.Smoothed, [1], [1, 2], [3.5, 3.25]),
            new ChartTrace("g, 1", "g", "#117733", ChartTraceKind.GroupMean, [1, 2], [2, 3], [1.0, 2.0], [0.5, 1.5], [1.5, 2.5]),
        ],
        []);

    [Fact]
    public void Long_csv_has_one_row_per_point_with_kind_runs_and_band()
    {
        var lines = ChartDataExport.LongCsv(Data).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("series,kind,runs,x,y,lower,upper", lines[0]);
        Assert.Equal("#1 real,raw,1,1,3.5,,", lines[1]);
        Assert.Equal("#1 real,raw,1,2,,,", lines[2]);
        Assert.Equal("#1 real,smoothed,1,2,3.25,,", lines[4]);
        Assert.Equal("\"g, 1\",smoothed mean,1 2,3,2,1.5,2.5", lines[6]);
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public void Wide_csv_has_one_row_per_x_and_a_column_per_line()
    {
        var lines = ChartDataExport.WideCsv(Data).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("x,#1 real [raw],#1 real [smoothed],\"g, 1 [smoothed mean]\",\"g, 1 [smoothed mean] lower\",\"g, 1 [smoothed mean] upper\"", lines[0]);
        Assert.Equal("1,3.5,3.5,,,", lines[1]);
        Assert.Equal("2,,3.25,1,0.5,1.5", lines[2]);
        Assert.Equal("3,,,2,1.5,2.5", lines[3]);
    }

    [Fact]
    public void Json_names_the_smoothing_and_writes_gaps_as_null()
    {
        var json = ChartDataExport.Json(Data);

        Assert.Contains("\"description\": \"EMA 0.6 (TensorBoard, debiased)\"", json, StringComparison.Ordinal);
        Assert.Contains("null", json, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(3, document.RootElement.GetProperty("traces").GetArrayLength());
        Assert.Equal("runs-1-2-train-loss-vs-step.json", ChartDataExport.FileName(Data, "json"));
    }
}
