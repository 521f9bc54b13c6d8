using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Testing;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Execution;

/// <summary>
/// A grid trained two runs at a time in one process gives every run the numbers it gets when runs take turns one by
/// one: each run draws initialisation and dropout from its own random stream (Engine's TorchRandomStream), however the
/// two runs' steps interleave.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class ConcurrentRunsReproduceTests : IDisposable
{
    private readonly ToyWorkbenchHost oneAtATime = new();
    private readonly ToyWorkbenchHost twoAtATime = new();

    // Dropout on, and enough steps per run that the two concurrent runs' steps interleave. One thread per run, as a
    // packed grid places them: with more, the BLAS may split a product differently while another run holds cores,
    // which changes sums in their last bits.
    private static ExperimentSpec Spec => ToyExperimentSpecs.RealVsLow("toy concurrent", ToyWorkbenchHost.Quick with { Epochs = 12, Threads = 1 }) with
    {
        Model = ToyWorkbenchHost.Toy with { Dropout = 0.3 },
    };

    public void Dispose()
    {
        oneAtATime.Dispose();
        twoAtATime.Dispose();
    }

    [Fact]
    public async Task Runs_trained_side_by_side_score_exactly_as_runs_trained_one_at_a_time()
    {
        var alone = await GridAsync(oneAtATime, concurrentRuns: 1);
        var packed = await GridAsync(twoAtATime, concurrentRuns: 2);

        Assert.Contains(packed, run => packed.Any(other => other.RunId != run.RunId && other.StartedAt < run.FinishedAt && run.StartedAt < other.FinishedAt));
        Assert.Equal(alone.Select(r => (r.Condition, r.TrainSize, r.Seed, r.TestBleu, r.TestChrF)), packed.Select(r => (r.Condition, r.TrainSize, r.Seed, r.TestBleu, r.TestChrF)));
    }

    private static async Task<List<ExperimentRunRow>> GridAsync(ToyWorkbenchHost workbench, int concurrentRuns)
    {
        using var host = workbench.Build(new Dictionary<string, string?> { ["Regurgitate:Runs:MaxConcurrentRuns"] = concurrentRuns.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec, CancellationToken.None);
        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var detail = (await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None))!;
        await host.StopAsync();
        return [.. detail.Runs.Where(r => r.Role == RunRole.Grid).OrderBy(r => r.Condition).ThenBy(r => r.TrainSize).ThenBy(r => r.Seed)];
    }
}
