using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>Failure counts per condition and generator, from the runs' training-set.json, on the experiment's detail and after an archive round trip.</summary>
public sealed class FailedGenerationCountsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-failure-counts-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task The_detail_counts_failures_per_condition_and_generator_and_an_imported_archive_counts_the_same()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var experimentId = await source.SeedAsync(runs: 3, pointsPerRun: 4);
        var low = ExperimentGrid.DatasetPrefix(ArchiveWorkbench.Spec) + "/low";
        IReadOnlyList<SentencePair> pool = [.. Enumerable.Range(0, 40).Select(i => new SentencePair($"Satz {i}", $"Sentence {i}"))];
        var sets = new Dictionary<string, SyntheticTargetSet>
        {
            [low] = new(
                new GeneratorDescriptor { Id = low, Name = "low", Kind = GeneratorKind.Local },
                [.. pool.Select((p, i) => new SyntheticTarget(p.Source, 0, i % 4 == 0 ? null : "low " + i, i % 4 == 0 ? "failed" : null, new(low, null, DateTimeOffset.UnixEpoch)))]),
        };
        var expectedInSets = 0;
        await using (var context = await source.Factory.CreateDbContextAsync())
        {
            foreach (var run in await context.Runs.Where(r => r.ExperimentId == experimentId).ToListAsync())
            {
                // As the runner composes and writes them (training-set.json is the MixtureReport, indented).
                var mixture = run.Condition == ExperimentGrid.RealCondition
                    ? new MixtureConfig { AlignWith = [low], Failures = FailurePolicy.KeepAsEmpty }
                    : new MixtureConfig { RealFraction = 0, Synthetic = [new(low)], AlignWith = [low], Failures = FailurePolicy.KeepAsEmpty };
                var (_, report) = MixtureComposer.Compose(pool, sets, mixture, 20, run.Id);
                expectedInSets += run.Condition == ExperimentGrid.RealCondition ? 0 : report.FailedInSet[low];
                await File.WriteAllTextAsync(
                    Path.Combine(source.RunsDirectory, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "training-set.json"),
                    JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            }
        }

        var detail = (await source.Services.GetRequiredService<IExperimentQueries>().GetAsync(experimentId, CancellationToken.None))!;

        Assert.True(expectedInSets > 0);
        var realRuns = detail.Runs.Count(r => r.Condition == ExperimentGrid.RealCondition);
        Assert.Equal(
            [new FailedGenerationRow("low", "low", 10, expectedInSets, detail.Runs.Count - realRuns), new FailedGenerationRow("real", "low", 10, 0, realRuns)],
            detail.FailedGenerations);

        var file = Path.Combine(dir, "failures.zip");
        await source.Writer.ExportToFileAsync(experimentId, file, includeCheckpoints: false, null, CancellationToken.None);
        using var target = await ArchiveWorkbench.CreateAsync();
        var imported = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
        var copy = (await target.Services.GetRequiredService<IExperimentQueries>().GetAsync(imported.ExperimentId, CancellationToken.None))!;
        Assert.Equal(detail.FailedGenerations, copy.FailedGenerations);
    }

    [Fact]
    public async Task A_training_set_json_from_before_the_counts_or_a_damaged_one_adds_nothing()
    {
        var folder = Path.Combine(dir, "1");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "training-set.json"), """{ "Requested": 40, "Counts": { "real": 40 } }""");
        Directory.CreateDirectory(Path.Combine(dir, "2"));
        await File.WriteAllTextAsync(Path.Combine(dir, "2", "training-set.json"), """{ "FailedInPool": { "low": 3 """);
        IReadOnlyList<ExperimentRunRow> runs = [ExperimentRows.Grid("real", 40, 1, Workbench.Persistence.RunStatus.Completed) with { RunId = 1 }, ExperimentRows.Grid("low", 40, 1, Workbench.Persistence.RunStatus.Completed) with { RunId = 2 }];

        Assert.Empty(await FailedGenerations.ReadAsync(null, runs, (id, _) => Task.FromResult(Path.Combine(dir, id.ToString(System.Globalization.CultureInfo.InvariantCulture))), CancellationToken.None));
    }
}
