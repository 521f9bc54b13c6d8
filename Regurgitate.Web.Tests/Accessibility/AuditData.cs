using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// Seeds what the pages with an id in their address show: a spec experiment (template c, shrunk) with two completed
/// real-data runs of two seeds, each with curves, test scores and samples, one sample a degenerate output (a single
/// token of <see cref="DegenerateTokenLength"/> characters without a space, as a collapsed model can produce).
/// </summary>
public static class AuditData
{
    public const int DegenerateTokenLength = 2_000;

    public static string DegenerateOutput { get; } = string.Concat(Enumerable.Repeat("the", DegenerateTokenLength / 3)) + "th";

    public static async Task<AuditSeed> SeedAsync(TempDatabase database)
    {
        await database.MigrateAsync();
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var spec = ExperimentTemplates.GeneratorQuality() with { Name = "audit: low vs high", Sizes = [1_000], Seeds = [1, 2] };
        int experimentId;
        await using (var context = await database.Factory.CreateDbContextAsync())
        {
            var experiment = new Experiment
            {
                Name = spec.Name, Description = spec.Description, CreatedAt = at, SpecJson = ExperimentSpecJson.Serialize(spec), Status = ExperimentStatus.Running,
            };
            context.Experiments.Add(experiment);
            await context.SaveChangesAsync();
            experimentId = experiment.Id;
        }

        var store = new RunStore(database.Factory, TimeProvider.System);
        var first = await SeedRunAsync(store, experimentId, seed: 1, at);
        var second = await SeedRunAsync(store, experimentId, seed: 2, at);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new AuditSeed(experimentId, first, second);
    }

    private static async Task<int> SeedRunAsync(RunStore store, int experimentId, int seed, DateTimeOffset at)
    {
        const int Steps = 40;
        var config = new RunConfig() with { CorpusId = "multi30k", TrainSize = 1_000, Seed = seed, Training = new TrainingConfig { MaxSteps = Steps, EvaluateEvery = 20 } };
        var run = await store.CreateRunAsync(new RunPlacement(experimentId, RunRole.Grid, ExperimentGrid.RealCondition), config, CancellationToken.None);
        var points = new List<MetricSample>();
        for (var step = 1; step <= Steps; step++)
        {
            points.Add(new(step, MetricNames.TrainLoss, (8.0 * Math.Exp(-step / 15.0)) + 2.0 + (0.1 * seed), at.AddSeconds(step)));
            if (step % 20 == 0)
            {
                points.Add(new(step, MetricNames.DevLoss, (8.0 * Math.Exp(-step / 15.0)) + 2.5, at.AddSeconds(step)));
                points.Add(new(step, MetricNames.DevBleu, 10.0 * step / Steps, at.AddSeconds(step)));
                points.Add(new(step, MetricNames.DevChrF, 30.0 + (10.0 * step / Steps), at.AddSeconds(step)));
            }
        }

        var snapshot = RunStore.ToSnapshot(run) with
        {
            Status = RunStatus.Completed,
            Device = "cpu",
            Step = Steps,
            MaxSteps = Steps,
            PhaseMessage = "Done",
            TestBleu = 20.0 + seed,
            TestBleuSignature = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
            TestChrF = 45.0 + seed,
            TestChrFSignature = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
            Samples =
            [
                new TranslationSample("Ein Hund rennt über die Wiese.", "A dog runs across the meadow.", DegenerateOutput),
                new TranslationSample("Zwei Männer spielen Fußball im Park.", "Two men play football in the park.", "Two men are playing soccer in a park."),
            ],
            SamplesSplit = EvaluationSplit.Test,
            SamplesStep = Steps,
            StartedAt = at,
            FinishedAt = at.AddMinutes(5),
        };
        await store.SaveProgressAsync(snapshot, points, CancellationToken.None);
        return run.Id;
    }
}
