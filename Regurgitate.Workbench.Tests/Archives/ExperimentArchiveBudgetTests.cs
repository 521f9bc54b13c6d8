using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Archives;

/// <summary>The training budget each run recorded (pairs kept and dropped, target and source tokens) travels with its archive.</summary>
public sealed class ExperimentArchiveBudgetTests : IDisposable
{
    private static readonly string[] BudgetFields = ["trainingPairs", "pairsDropped", "targetTokens", "sourceTokens"];

    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-archive-budget-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_runs_training_budget_survives_the_round_trip_and_the_archived_learning_curve_carries_steps_and_tokens()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var file = await ExportWithBudgetsAsync(source);

        using (var zip = ZipFile.OpenRead(file))
        {
            using var curve = new StreamReader(zip.GetEntry(ArchiveFormat.LearningCurveEntry)!.Open());
            Assert.Equal("metric,condition,size,mean,sd,min,max,seeds,steps,target_tokens", await curve.ReadLineAsync());
            // The one completed run (real, 40 pairs) trained 10 steps on 1,000 target tokens.
            var bleu = await curve.ReadLineAsync();
            Assert.StartsWith("bleu,real,40,", bleu, StringComparison.Ordinal);
            Assert.EndsWith(",1,10,1000", bleu, StringComparison.Ordinal);
        }

        using var target = await ArchiveWorkbench.CreateAsync();
        await target.Importer.ImportFileAsync(file, null, CancellationToken.None);

        await using var from = await source.Factory.CreateDbContextAsync();
        await using var to = await target.Factory.CreateDbContextAsync();
        var original = await from.Runs.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.TrainingPairs, r.PairsDropped, r.TargetTokens, r.SourceTokens }).ToListAsync();
        var copied = await to.Runs.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.TrainingPairs, r.PairsDropped, r.TargetTokens, r.SourceTokens }).ToListAsync();
        Assert.Equal(2, copied.Count);
        Assert.All(copied, r => Assert.NotNull(r.TargetTokens));
        Assert.Equal(original, copied);
    }

    [Fact]
    public async Task An_archive_written_before_runs_recorded_their_budget_imports_with_none()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var file = await ExportWithBudgetsAsync(source);
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(ArchiveFormat.ManifestEntry)!;
            JsonNode manifest;
            using (var reader = new StreamReader(entry.Open()))
            {
                manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
            }

            foreach (var run in manifest["runs"]!.AsArray())
            {
                Assert.All(BudgetFields, field => Assert.True(run!.AsObject().Remove(field), field));
            }

            entry.Delete();
            await using var rewritten = zip.CreateEntry(ArchiveFormat.ManifestEntry).Open();
            await rewritten.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        }

        using var target = await ArchiveWorkbench.CreateAsync();
        var imported = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);

        var runs = (await new ExperimentQueries(target.Factory).GetAsync(imported.ExperimentId, CancellationToken.None))!.Runs;
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal((null, null, null, null), (r.TrainingPairs, r.PairsDropped, r.TargetTokens, r.SourceTokens)));
        Assert.All(LearningCurve.From(runs).SelectMany(s => s.Points), p => Assert.Null(p.Steps));
    }

    private async Task<string> ExportWithBudgetsAsync(ArchiveWorkbench source)
    {
        var experimentId = await source.SeedAsync(runs: 2, pointsPerRun: 5);
        await using (var context = await source.Factory.CreateDbContextAsync())
        {
            await context.Runs.ExecuteUpdateAsync(set => set
                .SetProperty(r => r.TrainingPairs, r => 36 + r.Id)
                .SetProperty(r => r.PairsDropped, 4)
                .SetProperty(r => r.TargetTokens, r => 1_000L * r.Id)
                .SetProperty(r => r.SourceTokens, r => 1_100L * r.Id));
        }

        var file = Path.Combine(dir, "budget.zip");
        await source.Writer.ExportToFileAsync(experimentId, file, includeCheckpoints: false, null, CancellationToken.None);
        return file;
    }
}
