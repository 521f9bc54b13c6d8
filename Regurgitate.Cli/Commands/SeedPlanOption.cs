using System.CommandLine;
using System.Globalization;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>--resolve</c>, the test-BLEU difference the printed seed plan resolves, shared by every command that prints
/// an experiment's results, with its one rule: a positive, finite number.
/// </summary>
public static class SeedPlanOption
{
    public static Option<double> Create() => new("--resolve")
    {
        Description = $"Test-BLEU difference the printed seed plan resolves (default: {SeedPlanning.DefaultDifference}).",
        DefaultValueFactory = _ => SeedPlanning.DefaultDifference,
    };

    /// <summary>Why the value cannot be used, or null when it can.</summary>
    public static string? Problem(double difference) => difference > 0 && double.IsFinite(difference)
        ? null
        : $"--resolve: the test-BLEU difference for the seed plan must be a positive number (got {difference.ToString(CultureInfo.InvariantCulture)}).";
}
