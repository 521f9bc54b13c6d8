using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Comparison;

/// <summary>One run in the comparison's runs table.</summary>
/// <param name="Fields">
/// Every filterable and groupable field as text: the flattened configuration (<see cref="ConfigFlattener"/>, e.g.
/// <c>Mixture.RealFraction</c>) plus <c>Experiment</c>, <c>Condition</c>, <c>Status</c> and <c>Tags</c>.
/// </param>
public sealed record ComparisonRunRow(
    int Id,
    string ExperimentName,
    string? Condition,
    int TrainSize,
    int Seed,
    double RealFraction,
    RunStatus Status,
    IReadOnlyList<string> Tags,
    double? TestBleu,
    double? TestChrF,
    int LastStep,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>Short legend label: id, condition, size and seed.</summary>
    public string Label => $"#{Id} {Condition ?? "real"} n={TrainSize} s{Seed}";
}
