using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Workbench.Tests.Analysis;

/// <summary>The comparison service on the shared WMT22 data: GPT-4 and LT22 against human reference A, on a small sample.</summary>
public sealed class DatasetAnalysisServiceTests
{
    private static readonly DatasetAnalysisRequest Request = new("wmt22", ["wmt22/GPT-4", "wmt22/LT22"], SampleSize: 150);

    private static DatasetAnalysisService CreateService()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.GetTempPath() }, Directory.GetCurrentDirectory());
        return new DatasetAnalysisService(catalog, new SyntheticDatasetRepository(catalog), TestHeavyWork.Scheduler(), NullLogger<DatasetAnalysisService>.Instance);
    }

    [Fact]
    public async Task It_compares_the_human_reference_with_each_set_on_the_same_sampled_sources_and_caches_the_result()
    {
        var service = CreateService();
        var reports = new List<double>();

        var analysis = await service.AnalyzeAsync(Request, new SynchronousProgress<double>(reports.Add), CancellationToken.None);

        Assert.Equal(1984, analysis.CorpusPairs);
        Assert.InRange(analysis.CommonPairs, 1900, 1984);
        Assert.Equal([DatasetAnalysis.ReferenceSide, "wmt22/GPT-4", "wmt22/LT22"], analysis.Report.Sides.Select(s => s.Name));
        Assert.Equal(["GPT-4", "LT22"], analysis.SetNames);
        Assert.True(analysis.Report.Aligned);
        Assert.Equal(150, analysis.Report.SampleSize);
        Assert.Null(analysis.Report.Sides[0].Errors);
        Assert.All(analysis.Report.Sides.Skip(1), s => Assert.Equal(150, s.Errors!.Pairs));
        Assert.NotNull(analysis.Report.Sides[0].Signals);
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);

        // The worst sentences are the lowest chrF scores, with the texts of the same input pair.
        var worst = analysis.WorstInstances("wmt22/GPT-4", 5);
        Assert.Equal(5, worst.Count);
        Assert.Equal(worst.Select(w => w.ChrF).Order(), worst.Select(w => w.ChrF));
        Assert.Equal(analysis.Report.Sides[1].Errors!.SentenceChrF.Min(), worst[0].ChrF);
        var gpt4 = await new SyntheticDatasetRepository(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()))
            .LoadAsync("wmt22/GPT-4", CancellationToken.None);
        Assert.All(worst, w =>
        {
            Assert.Equal(analysis.Sources[w.Index], w.Source);
            Assert.True(gpt4.TryGetTarget(w.Source, out var target));
            Assert.Equal(target, w.Output);
            Assert.Contains(w.Index, analysis.Report.SampleIndices!);
        });

        Assert.Same(analysis, service.TryGetCached(Request with { SetIds = ["WMT22/gpt-4", "wmt22/LT22"] }));
        Assert.Same(analysis, await service.AnalyzeAsync(Request, null, CancellationToken.None));
        Assert.Null(service.TryGetCached(Request with { Seed = 1 }));
    }

    [Fact]
    public async Task A_cancelled_comparison_throws_and_is_not_cached()
    {
        var service = CreateService();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.AnalyzeAsync(Request, null, cancelled.Token));
        Assert.Null(service.TryGetCached(Request));
    }

    [Fact]
    public async Task An_unknown_set_or_no_set_is_an_error()
    {
        var service = CreateService();

        await Assert.ThrowsAsync<FileNotFoundException>(() => service.AnalyzeAsync(new DatasetAnalysisRequest("wmt22", ["local/nothing-here"]), null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => service.AnalyzeAsync(new DatasetAnalysisRequest("wmt22", []), null, CancellationToken.None));
    }
}
