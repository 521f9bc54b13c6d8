using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Features.Datasets;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components;

public sealed class SampleViewerTests : DashboardTestContext
{
    private static readonly DatasetRow Wmt22 = new("wmt22", DatasetKind.Real, "WMT22", null, "de-en", null, null, "wmt22", [], null, 0, 25, 0, true, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Sources_references_and_selected_systems_are_side_by_side_with_failures_marked_and_markup_as_text()
    {
        var samples = new FakeSamples();
        Context.Services.AddSingleton<IDatasetSamples>(samples);

        var viewer = Context.Render<SampleViewer>(p => p.Add(c => c.Dataset, Wmt22));

        var headers = viewer.FindAll("thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(["#", "German source", "Human reference", "GPT-4"], headers);
        var rows = viewer.FindAll("tbody tr");
        Assert.Equal(10, rows.Count);
        Assert.Equal("Quelle 1 <script>alert('x')</script>", rows[0].QuerySelector(".source")!.TextContent);
        Assert.Equal("Reference 1", rows[0].QuerySelector(".reference")!.TextContent);
        Assert.Equal("GPT-4 says 1", rows[0].QuerySelector(".target")!.TextContent);
        Assert.Empty(viewer.FindAll("tbody script"));
        Assert.Contains("&lt;script&gt;", viewer.Markup, StringComparison.Ordinal);
        var failed = rows[2].QuerySelector(".failed-target")!;
        Assert.Contains("failed", failed.TextContent, StringComparison.Ordinal);
        Assert.Contains("empty output on line 3", failed.TextContent, StringComparison.Ordinal);
        Assert.Equal("1–10 of 25", viewer.Find("[data-testid=page-info]").TextContent);
    }

    [Fact]
    public void Arrow_keys_and_buttons_page_through_the_rows()
    {
        Context.Services.AddSingleton<IDatasetSamples>(new FakeSamples());
        var viewer = Context.Render<SampleViewer>(p => p.Add(c => c.Dataset, Wmt22));

        viewer.Find("[data-testid=sample-viewer]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight" });
        viewer.WaitForAssertion(() => Assert.Equal("11–20 of 25", viewer.Find("[data-testid=page-info]").TextContent));
        viewer.Find("[data-testid=next-page]").Click();
        viewer.WaitForAssertion(() => Assert.Equal("21–25 of 25", viewer.Find("[data-testid=page-info]").TextContent));
        Assert.Equal(5, viewer.FindAll("tbody tr").Count);
        Assert.True(viewer.Find("[data-testid=next-page]").HasAttribute("disabled"));

        viewer.Find("[data-testid=sample-viewer]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Home" });
        viewer.WaitForAssertion(() => Assert.Equal("1–10 of 25", viewer.Find("[data-testid=page-info]").TextContent));
    }

    [Fact]
    public void A_dataset_that_cannot_be_read_shows_the_problem()
    {
        Context.Services.AddSingleton<IDatasetSamples>(new FakeSamples { Problem = "'x.de', line 3: invalid UTF-8" });

        var viewer = Context.Render<SampleViewer>(p => p.Add(c => c.Dataset, Wmt22));

        Assert.Equal("'x.de', line 3: invalid UTF-8", viewer.Find("[data-testid=samples-problem]").TextContent);
    }

    private sealed class FakeSamples : IDatasetSamples
    {
        public string? Problem { get; init; }

        public Task<(SampleSet? Set, string? Problem)> OpenAsync(DatasetRow dataset, CancellationToken cancellationToken) =>
            Task.FromResult(Problem is null
                ? ((SampleSet?)new SampleSet(dataset.Id, 25, "Human reference", [new("wmt22/GPT-4", "GPT-4"), new("wmt22/LT22", "LT22")], ["wmt22/GPT-4"]), (string?)null)
                : (null, Problem));

        public Task<IReadOnlyList<SampleRow>> GetRowsAsync(DatasetRow dataset, IReadOnlyList<string> systems, int skip, int take, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SampleRow>>(
            [
                .. Enumerable.Range(skip, Math.Max(0, Math.Min(take, 25 - skip))).Select(i => new SampleRow(
                    i,
                    i == 0 ? "Quelle 1 <script>alert('x')</script>" : $"Quelle {i + 1}",
                    $"Reference {i + 1}",
                    [.. systems.Select(s => i == 2 ? new SampleTarget(s, null, "empty output on line 3") : new SampleTarget(s, $"{s.Split('/')[1]} says {i + 1}", null))])),
            ]);
    }
}
