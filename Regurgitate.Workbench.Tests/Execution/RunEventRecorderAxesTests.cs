using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Execution;

public sealed class RunEventRecorderAxesTests
{
    [Fact]
    public void Every_step_records_tokens_and_examples_seen_and_the_epoch_for_comparison_axes()
    {
        var at = new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);
        var points = new List<MetricSample>();
        var snapshot = RunStore.ToSnapshot(new Run { Id = 1, ConfigJson = "{}", CorpusId = "multi30k" });

        RunEventRecorder.Apply(snapshot, new StepCompleted(12, 100, 3.5, 1e-4, 900, 24_576, 384, 0.75, TimeSpan.FromSeconds(9), null) { Timestamp = at }, points);

        Assert.Contains(new MetricSample(12, MetricNames.TrainTokensSeen, 24_576, at), points);
        Assert.Contains(new MetricSample(12, MetricNames.TrainExamplesSeen, 384, at), points);
        Assert.Contains(new MetricSample(12, MetricNames.TrainEpoch, 0.75, at), points);
        Assert.Contains(new MetricSample(12, MetricNames.TrainLoss, 3.5, at), points);
    }
}
