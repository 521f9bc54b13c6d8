using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

public sealed record ExperimentSummary(int Id, string Name, string? Description, DateTimeOffset CreatedAt, ExperimentStatus? Status, int Runs, int RunsCompleted, bool HasSpec)
{
    public int RunsRunning { get; init; }
    public int RunsQueued { get; init; }
}
