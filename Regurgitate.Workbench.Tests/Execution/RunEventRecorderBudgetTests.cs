using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Execution;

public sealed class RunEventRecorderBudgetTests
{
    [Fact]
    public void The_planned_budget_becomes_the_runs_steps_and_counts_and_is_read_back_from_the_stored_run()
    {
        var snapshot = RunStore.ToSnapshot(new Run { Id = 1, ConfigJson = "{}", CorpusId = "multi30k", MaxSteps = 100_000 });
        var planned = new TrainingPlanned(240, 41_234, 45_000, 996, 4);

        var recorded = RunEventRecorder.Apply(snapshot, planned, new List<MetricSample>());

        Assert.Equal(planned, recorded.Budget);
        Assert.Equal(240, recorded.MaxSteps);
        Assert.True(RunEventRecorder.IsMilestone(planned));
        var stored = new Run
        {
            Id = 1, ConfigJson = "{}", CorpusId = "multi30k", MaxSteps = 240, TrainingPairs = 996, PairsDropped = 4, TargetTokens = 41_234, SourceTokens = 45_000,
        };
        Assert.Equal(planned with { Timestamp = default }, RunStore.ToSnapshot(stored).Budget! with { Timestamp = default });
    }
}
