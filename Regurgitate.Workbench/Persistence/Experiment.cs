namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// A named series of runs that a researcher compares: either runs started one by one from the dashboard, or the grid
/// of an experiment spec (then <see cref="SpecJson"/> holds the spec, so the experiment can be re-run or resumed).
/// </summary>
public sealed class Experiment
{
    public int Id { get; set; }

    /// <summary>Unique to this row in any database: the experiment's folder records it (see <see cref="Folders.ArtifactFolders"/>).</summary>
    public Guid FolderIdentity { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The <see cref="Engine.Experiments.Design.ExperimentSpec"/> as JSON, for experiments defined by a spec.</summary>
    public string? SpecJson { get; set; }

    /// <summary>Where the spec's preparation stands (generators, tokenizer, grid), for experiments defined by a spec.</summary>
    public ExperimentStatus? Status { get; set; }
    public string? StatusMessage { get; set; }

    /// <summary>
    /// Given to every run the experiment queues (generators and scorers as well as the grid), so raising it moves the
    /// whole experiment ahead, including runs it has not queued yet; 0 is normal.
    /// </summary>
    public int Priority { get; set; }

    public List<Run> Runs { get; set; } = [];
}
