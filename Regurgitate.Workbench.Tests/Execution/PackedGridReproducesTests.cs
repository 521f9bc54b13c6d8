using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Testing;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Execution;

/// <summary>
/// A toy grid packed by the coordinator (<see cref="RunsOptions.Packing"/> auto on two cores: two runs at once, one
/// libtorch thread each, set per run) gives every run the loss curve, dev scores and test BLEU it gets when the runs take
/// turns with one thread each.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class PackedGridReproducesTests : IDisposable
{
    private readonly ToyWorkbenchHost sequential = new();
    private readonly ToyWorkbenchHost packed = new();

    // Threads 2 in the spec: packing must override it with one thread per run; the sequential grid sets 1 itself.
    private static ExperimentSpec Spec(int threads) =>
        ToyExperimentSpecs.RealVsLow("toy packed", ToyWorkbenchHost.Quick with { Epochs = 8, Threads = threads }) with
        {
            Model = ToyWorkbenchHost.Toy with { Dropout = 0.2 },
        };

    public void Dispose()
    {
        sequential.Dispose();
        packed.Dispose();
    }

    [Fact]
    public async Task A_packed_grid_gives_every_run_the_curves_and_scores_of_one_run_at_a_time()
    {
        var alone = await GridAsync(sequential, Spec(threads: 1), new() { ["Regurgitate:Runs:Packing"] = "off", ["Regurgitate:Runs:MaxConcurrentRuns"] = "1" });
        var together = await GridAsync(packed, Spec(threads: 2), new() { ["Regurgitate:Runs:Packing"] = "auto", ["Regurgitate:Runs:Cores"] = "2" });

        Assert.Contains(together, r => together.Any(o => o.Row.RunId != r.Row.RunId && o.Row.StartedAt < r.Row.FinishedAt && r.Row.StartedAt < o.Row.FinishedAt));
        Assert.Equal(alone.Count, together.Count);
        foreach (var (one, other) in alone.Zip(together))
        {
            Assert.Equal((one.Row.Condition, one.Row.TrainSize, one.Row.Seed), (other.Row.Condition, other.Row.TrainSize, other.Row.Seed));
            Assert.Equal(one.Row.TestBleu, other.Row.TestBleu);
            Assert.Equal(one.Row.TestChrF, other.Row.TestChrF);
            Assert.NotEmpty(one.Curve);
            Assert.Equal(one.Curve, other.Curve);
        }
    }

    private static async Task<List<(ExperimentRunRow Row, List<string> Curve)>> GridAsync(ToyWorkbenchHost workbench, ExperimentSpec spec, Dictionary<string, string?> settings)
    {
        using var host = workbench.Build(settings);
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(spec, CancellationToken.None);
        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var detail = (await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None))!;
        var runs = host.Services.GetRequiredService<IRunQueries>();
        var grid = new List<(ExperimentRunRow, List<string>)>();
        foreach (var row in detail.Runs.Where(r => r.Role == RunRole.Grid).OrderBy(r => r.Condition).ThenBy(r => r.TrainSize).ThenBy(r => r.Seed))
        {
            // Every stored point but the wall-clock one (tokens/s), to the last bit ("R").
            var curve = (await runs.GetMetricsAsync(row.RunId, CancellationToken.None))
                .Where(p => p.Name != MetricNames.TrainTokensPerSecond)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}@{p.Step}={p.Value:R}"))
                .ToList();
            grid.Add((row, curve));
        }

        await host.StopAsync();
        return grid;
    }
}
