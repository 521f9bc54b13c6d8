using Bunit;
using Regurgitate.Web.Features.Datasets;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components;

public sealed class DatasetsTableTests : DashboardTestContext
{
    private static DatasetRow Row(string id, DatasetKind kind, string name, int pairs, int failed = 0, bool available = true) =>
        new(id, kind, name, null, "de-en", "origin of " + id, "research use", kind == DatasetKind.Real ? id : "wmt22", [], new string('a', 64), 123_456, pairs, failed, available,
            available ? null : "Missing file x.de", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Datasets_are_listed_with_statistics_links_and_encoded_text()
    {
        DatasetRow[] rows =
        [
            Row("wmt22", DatasetKind.Real, "WMT22 general test De–En", 1984),
            Row("wmt22/GPT-4", DatasetKind.SystemOutput, "GPT-4", 1984, failed: 8),
            Row("imported/x", DatasetKind.Imported, "<script>alert(1)</script>", 2, available: false),
        ];

        var table = Context.Render<DatasetsTable>(p => p.Add(c => c.Datasets, rows));

        var body = table.FindAll("tbody tr");
        Assert.Equal(3, body.Count);
        var gpt4 = body[1].TextContent;
        Assert.Contains("system output", gpt4, StringComparison.Ordinal);
        Assert.Contains("1,984", gpt4, StringComparison.Ordinal);
        Assert.Contains("8", gpt4, StringComparison.Ordinal);
        Assert.Contains("121 kB", gpt4, StringComparison.Ordinal);
        Assert.Contains("aaaaaaaaaaaa", gpt4, StringComparison.Ordinal);
        Assert.Equal("/datasets/wmt22/GPT-4", body[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("unavailable", body[2].TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("tbody script"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", table.Markup, StringComparison.Ordinal);
        Assert.Equal("3 of 3 datasets", table.Find("[data-testid=datasets-count]").TextContent);
    }

    [Fact]
    public void The_text_filter_narrows_the_list()
    {
        DatasetRow[] rows = [Row("wmt22", DatasetKind.Real, "WMT22", 1984), Row("wmt22/GPT-4", DatasetKind.SystemOutput, "GPT-4", 1984), Row("multi30k", DatasetKind.Real, "Multi30k", 31014)];
        var table = Context.Render<DatasetsTable>(p => p.Add(c => c.Datasets, rows));

        table.Find("#dataset-filter").Input("gpt");

        table.WaitForAssertion(() => Assert.Equal("1 of 3 datasets", table.Find("[data-testid=datasets-count]").TextContent));
        Assert.Single(table.FindAll("tbody tr"));
    }
}
