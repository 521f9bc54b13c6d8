using System.Text;
using Regurgitate.Web.Features.Charts;

namespace Regurgitate.Web.Tests.Components;

/// <summary>
/// The page preloads Plotly through Plotly.Blazor's loader under the names Plotly.Blazor itself uses; if an upgrade
/// renames them, the preload would load a second copy (or nothing), so the names are checked against the assembly.
/// </summary>
public sealed class PlotlyAssetsTests
{
    // String literals sit in the assembly's user-string heap as UTF-16, at any byte offset.
    private static readonly byte[] Assembly = File.ReadAllBytes(typeof(Plotly.Blazor.PlotlyChart).Assembly.Location);

    [Theory]
    [InlineData(PlotlyAssets.InteropModule)]
    [InlineData(PlotlyAssets.BasicScript)]
    [InlineData(PlotlyAssets.ScriptElementId)]
    public void Plotly_Blazor_uses_the_same_name(string name) =>
        Assert.True(Assembly.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name)) >= 0, $"Plotly.Blazor no longer names '{name}'; update PlotlyAssets.");

    [Fact]
    public void Every_chart_uses_the_basic_bundle_that_is_preloaded()
    {
        var charts = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SolutionRoot, "Regurgitate.Web"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Where(l => l.Contains("<PlotlyChart", StringComparison.Ordinal)).Select(l => (File: Path.GetFileName(f), Line: l)))
            .ToList();

        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.True(c.Line.Contains("UseBasicVersion=\"true\"", StringComparison.Ordinal), $"{c.File} loads the full Plotly bundle"));
    }

    [Theory]
    [InlineData("/runs/12", null, true)]
    [InlineData("/experiments/3", "?band=range", true)]
    [InlineData("/experiments/3/strategies", null, true)]
    [InlineData("/experiments/3/mechanisms", null, true)]
    [InlineData("/analysis", null, true)]
    [InlineData("/compare/charts", "?runs=1,2&smooth=ema", true)]
    [InlineData("/compare/charts", null, false)]
    [InlineData("/runs", null, false)]
    [InlineData("/runs/new", null, false)]
    [InlineData("/experiments", null, false)]
    [InlineData("/datasets", null, false)]
    [InlineData("/", null, false)]
    public void Plotly_is_preloaded_only_where_charts_appear_at_once(string path, string? query, bool expected) =>
        Assert.Equal(expected, PlotlyAssets.PageHasCharts(path, query));
}
