using Bunit;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Analysis;

public sealed class AnalysisChartExportTests : DashboardTestContext
{
    private static IList<ITrace> Traces() =>
    [
        new Scatter { Name = "human reference", X = [1L, 10L], Y = [120, 7] },
        new Bar { Name = "GPT-4, \"v2\"", X = [0.5, 1.5], Y = [12.5, 87.5] },
    ];

    private IRenderedComponent<AnalysisChart> RenderChart(IList<ITrace> traces, string? fileName = null) =>
        Context.Render<AnalysisChart>(p => p
            .Add(c => c.Title, "Vocabulary growth (Heaps)")
            .Add(c => c.XAxisTitle, "tokens")
            .Add(c => c.YAxisTitle, "types")
            .Add(c => c.Traces, traces)
            .Add(c => c.FileName, fileName));

    [Fact]
    public void The_csv_button_downloads_every_point_of_every_series_quoted_where_needed()
    {
        var chart = RenderChart(Traces());

        const string expected = "series,x,y\r\n"
            + "human reference,1,120\r\n"
            + "human reference,10,7\r\n"
            + "\"GPT-4, \"\"v2\"\"\",0.5,12.5\r\n"
            + "\"GPT-4, \"\"v2\"\"\",1.5,87.5\r\n";
        Assert.Equal(expected, chart.Instance.Csv);
        var link = chart.Find("[data-testid=chart-export-csv]");
        Assert.Equal("vocabulary-growth-heaps.csv", link.GetAttribute("download"));
        Assert.Equal(expected, Uri.UnescapeDataString(link.GetAttribute("href")!["data:text/csv;charset=utf-8,".Length..]));
    }

    [Fact]
    public void Point_labels_get_their_own_column_and_numbers_are_culture_invariant()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var csv = ChartCsv.Build(
            [
                new Scatter { Name = "conditions", X = [0.1 + 0.2, 3.0], Y = [27.25, 30.0], TextArray = ["real (reference)", "wmt22/GPT-4"] },
            ]);

            Assert.Equal("series,x,y,label\r\nconditions,0.30000000000000004,27.25,real (reference)\r\nconditions,3,30,wmt22/GPT-4\r\n", csv);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("svg", 1)]
    [InlineData("png", AnalysisChart.PngScale)]
    public void The_image_buttons_ask_plotly_to_download_the_chart(string format, int scale)
    {
        var chart = RenderChart(Traces(), fileName: "heaps");

        chart.Find($"[data-testid=chart-export-{format}]").Click();

        var call = Context.JSInterop.VerifyInvoke(AnalysisChart.DownloadFunction);
        Assert.Equal(chart.Instance.ChartId, call.Arguments[0]);
        Assert.Equal(new ChartImageOptions(format, "heaps", AnalysisChart.ExportWidth, AnalysisChart.ExportHeight, scale), call.Arguments[1]);
        Assert.NotNull(chart.Find($"#{chart.Instance.ChartId}"));
    }

    [Fact]
    public void A_failing_image_export_is_logged_not_thrown()
    {
        Context.JSInterop.SetupVoid(AnalysisChart.DownloadFunction, _ => true).SetException(new Microsoft.JSInterop.JSException("Plotly is not loaded"));
        var chart = RenderChart(Traces());

        chart.Find("[data-testid=chart-export-svg]").Click();

        Context.JSInterop.VerifyInvoke(AnalysisChart.DownloadFunction);
        Assert.NotNull(chart.Find("[data-testid=chart-export-svg]"));
    }
}
