namespace Regurgitate.Workbench.Persistence;

/// <summary>A named series of runs (e.g. "multi30k baseline") that a researcher compares.</summary>
public sealed class Experiment
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Run> Runs { get; set; } = [];
}
