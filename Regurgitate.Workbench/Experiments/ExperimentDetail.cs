using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>An experiment with its spec (if any) and every run's grid coordinates, status and final scores.</summary>
public sealed record ExperimentDetail(
    int Id,
    string Name,
    string? Description,
    DateTimeOffset CreatedAt,
    ExperimentStatus? Status,
    string? StatusMessage,
    ExperimentSpec? Spec,
    IReadOnlyList<ExperimentRunRow> Runs)
{
    /// <summary>Failed generations per condition and generator, from the grid runs' training-set.json (empty when none failed).</summary>
    public IReadOnlyList<FailedGenerationRow> FailedGenerations { get; init; } = [];

    /// <summary>The priority its runs queue at (see <see cref="Experiment.Priority"/>).</summary>
    public int Priority { get; init; }

    /// <summary>Where its unfinished runs stand in the queue and when its grid should be done; null when every run has finished.</summary>
    public ExperimentQueueStatus? Queue { get; init; }
}
