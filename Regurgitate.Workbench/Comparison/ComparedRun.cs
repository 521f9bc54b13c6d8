using System.Globalization;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Comparison;

/// <summary>What identifies a run in a comparison: its experiment and its place in the grid.</summary>
public sealed record ComparedRun(int RunId, string ExperimentName, RunRole Role, string? Condition, int TrainSize, int Seed)
{
    /// <summary>The system's name in a table: the data condition of a grid run, else the experiment's name.</summary>
    public string Name => string.IsNullOrWhiteSpace(Condition) ? ExperimentName : Condition;

    /// <summary>"10,000 pairs · seed 1".</summary>
    public string Details => string.Create(CultureInfo.InvariantCulture, $"{TrainSize:N0} pairs · seed {Seed}");
}
