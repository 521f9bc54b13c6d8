using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Comparison;

public sealed class MetricSeriesServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase database = new();
    private readonly MetricSeriesService service;

    public MetricSeriesServiceTests() => service = new MetricSeriesService(database.Factory, NullLogger<MetricSeriesService>.Instance);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Runs_list_flattens_the_configuration_and_tags()
    {
        await SeedAsync();

        var runs = await service.ListRunsAsync(CancellationToken.None);

        Assert.Equal([3, 2, 1], runs.Select(r => r.Id));
        var half = runs.Single(r => r.Id == 3);
        Assert.Equal("0.5", half.Fields["Mixture.RealFraction"]);
        Assert.Equal("0.0007", half.Fields["Training.LearningRate"]);
        Assert.Equal("mixed", half.Fields[MetricSeriesService.ConditionField]);
        Assert.Equal(["paper", "ablation"], half.Tags);
    }

    [Fact]
    public async Task Summaries_give_last_best_and_best_smoothed_per_metric()
    {
        await SeedAsync();

        var summaries = await service.SummarizeAsync([1, 2], [MetricNames.TrainLoss, MetricNames.DevBleu], SmoothingOptions.DefaultEma, CancellationToken.None);

        var loss = summaries[1][MetricNames.TrainLoss];
        double[] values = [.. Enumerable.Range(1, 10).Select(s => Loss(1, s))];
        Assert.Equal(values[^1], loss.Last);
        Assert.Equal(values.Min(), loss.Best);
        Assert.Equal(Smoothing.Ema(values, 0.6).Min(), loss.BestSmoothed, 12);
        Assert.Equal(60, summaries[2][MetricNames.DevBleu].Best);
        Assert.False(summaries[1].ContainsKey(MetricNames.DevLoss));
    }

    [Fact]
    public async Task Chart_skips_smooths_and_maps_the_tokens_axis()
    {
        await SeedAsync();
        var runs = await service.ListRunsAsync(CancellationToken.None);

        var chart = await service.LoadChartAsync(
            new SeriesQuery([1, 3], MetricNames.TrainLoss, SeriesAxis.TokensSeen, SmoothingOptions.DefaultEma, SkipFirst: 2), runs, CancellationToken.None);

        Assert.Equal(4, chart.Traces.Count);
        var raw = chart.Traces.Single(t => t.Kind == ChartTraceKind.Raw && t.RunIds[0] == 1);
        var smoothed = chart.Traces.Single(t => t.Kind == ChartTraceKind.Smoothed && t.RunIds[0] == 1);
        Assert.Equal(Enumerable.Range(3, 8).Select(s => 100.0 * s), raw.X);
        Assert.Equal(Enumerable.Range(3, 8).Select(s => Loss(1, s)), raw.Y);
        Assert.Equal(Smoothing.Ema(raw.Y, 0.6), smoothed.Y);
        Assert.Equal(RunColors.ForRun(1), smoothed.Color);
        Assert.Equal(raw.Color, smoothed.Color);
    }

    [Fact]
    public async Task Real_examples_axis_scales_by_the_real_fraction_and_wall_time_counts_from_the_start()
    {
        await SeedAsync();
        var runs = await service.ListRunsAsync(CancellationToken.None);

        var real = await service.LoadChartAsync(new SeriesQuery([3], MetricNames.TrainLoss, SeriesAxis.RealExamplesSeen, SmoothingOptions.None), runs, CancellationToken.None);
        var wall = await service.LoadChartAsync(new SeriesQuery([3], MetricNames.TrainLoss, SeriesAxis.WallTime, SmoothingOptions.None), runs, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 10).Select(s => 8.0 * s * 0.5), real.Traces[0].X);
        Assert.Equal(Enumerable.Range(1, 10).Select(s => 2.0 * s), wall.Traces[0].X);
    }

    [Fact]
    public async Task Grouping_by_a_config_field_draws_means_with_bands()
    {
        await SeedAsync();
        var runs = await service.ListRunsAsync(CancellationToken.None);

        var chart = await service.LoadChartAsync(
            new SeriesQuery([1, 2, 3], MetricNames.TrainLoss, SeriesAxis.Step, SmoothingOptions.None, GroupBy: "Mixture.RealFraction", Band: BandKind.MinMax),
            runs, CancellationToken.None);

        var means = chart.Traces.Where(t => t.Kind == ChartTraceKind.GroupMean).ToList();
        Assert.Equal(["Mixture.RealFraction = 0.5 (n=1)", "Mixture.RealFraction = 1 (n=2)"], means.Select(m => m.Name));
        var real = means[1];
        Assert.Equal([1, 2], real.RunIds);
        Assert.Equal((Loss(1, 4) + Loss(2, 4)) / 2, real.Y[3], 12);
        Assert.Equal(Math.Min(Loss(1, 4), Loss(2, 4)), real.Lower![3], 12);
        Assert.Equal(Math.Max(Loss(1, 4), Loss(2, 4)), real.Upper![3], 12);
        Assert.Equal(2, chart.Traces.Count(t => t.Kind == ChartTraceKind.GroupRawMean));
        Assert.NotEqual(means[0].Color, means[1].Color); // groups are coloured by their order, so they never collide
    }

    [Fact]
    public async Task Runs_without_the_axis_metric_are_reported_missing_and_tags_can_be_set()
    {
        await SeedAsync();
        var runs = await service.ListRunsAsync(CancellationToken.None);

        var chart = await service.LoadChartAsync(new SeriesQuery([1, 2], MetricNames.TrainLoss, SeriesAxis.Epoch, SmoothingOptions.None), runs, CancellationToken.None);
        await service.SetTagsAsync(1, [" a ", "B", "b", ""], CancellationToken.None);

        Assert.Equal([1, 2], chart.MissingRuns);
        Assert.Empty(chart.Traces);
        Assert.Equal(["a", "B"], (await service.ListRunsAsync(CancellationToken.None)).Single(r => r.Id == 1).Tags);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.SetTagsAsync(99, ["x"], CancellationToken.None));
    }

    [Fact]
    public async Task Completed_runs_curves_are_read_once_and_running_runs_every_time()
    {
        await SeedAsync();
        await using (var context = await database.Factory.CreateDbContextAsync())
        {
            var running = await context.Runs.FindAsync(2);
            running!.Status = RunStatus.Running;
            await context.SaveChangesAsync();
        }

        var runs = await service.ListRunsAsync(CancellationToken.None);
        var query = new SeriesQuery([1, 2], MetricNames.TrainLoss, SeriesAxis.Step, SmoothingOptions.None);
        await service.LoadChartAsync(query, runs, CancellationToken.None);
        await using (var context = await database.Factory.CreateDbContextAsync())
        {
            await context.MetricPoints.Where(p => p.Name == MetricNames.TrainLoss && p.Step > 5).ExecuteDeleteAsync();
        }

        var again = await service.LoadChartAsync(query, runs, CancellationToken.None);

        Assert.Equal(10, again.Traces.Single(t => t.Kind == ChartTraceKind.Raw && t.RunIds[0] == 1).X.Length);
        Assert.Equal(5, again.Traces.Single(t => t.Kind == ChartTraceKind.Raw && t.RunIds[0] == 2).X.Length);
    }

    private static double Loss(int run, int step) => 10.0 / step + run * 0.1 + (step % 3 == 0 ? 0.05 : 0);

    private async Task SeedAsync()
    {
        await database.MigrateAsync();
        await using var context = await database.Factory.CreateDbContextAsync();
        var experiment = new Experiment { Name = "e", CreatedAt = Start };
        context.Experiments.Add(experiment);
        await context.SaveChangesAsync();
        foreach (var (id, fraction, tags) in new[] { (1, 1.0, (string?)null), (2, 1.0, null), (3, 0.5, "paper, ablation,paper") })
        {
            var run = new Run
            {
                Id = id, ExperimentId = experiment.Id, CorpusId = "multi30k", Condition = fraction < 1 ? "mixed" : "real",
                ConfigJson = $$$"""{"corpusId":"multi30k","mixture":{"realFraction":{{{fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"generatorIds":["g"]},"training":{"learningRate":0.0007}}""",
                RealFraction = fraction, Seed = id, TrainSize = 1000, Status = RunStatus.Completed, Tags = tags, CreatedAt = Start, StartedAt = Start,
            };
            context.Runs.Add(run);
            for (var step = 1; step <= 10; step++)
            {
                var at = Start.AddSeconds(2 * step);
                context.MetricPoints.Add(new MetricPoint { RunId = id, Step = step, Name = MetricNames.TrainLoss, Value = Loss(id, step), Timestamp = at });
                if (id != 3 && step % 5 == 0)
                {
                    context.MetricPoints.Add(new MetricPoint { RunId = id, Step = step, Name = MetricNames.DevBleu, Value = step * id * 3, Timestamp = at });
                }

                if (id != 2)
                {
                    context.MetricPoints.Add(new MetricPoint { RunId = id, Step = step, Name = MetricNames.TrainTokensSeen, Value = 100 * step, Timestamp = at });
                    context.MetricPoints.Add(new MetricPoint { RunId = id, Step = step, Name = MetricNames.TrainExamplesSeen, Value = 8 * step, Timestamp = at });
                }
            }
        }

        await context.SaveChangesAsync();
    }
}
