using System.Globalization;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// A run's steps as the dashboard and the CLI print them. <see cref="Persistence.Run.MaxSteps"/> holds the
/// configuration's cap until the run plans its training from its budget, then the planned steps; the cap is never a
/// plan, so until the run has planned (<see cref="Persistence.Run.TrainingPairs"/> set by the same event) the planned
/// steps are reported as not known.
/// </summary>
public static class StepProgress
{
    public const string NotKnownYet = "planned steps not known yet";

    /// <summary>The planned steps, or null while the stored maximum is still the configuration's cap.</summary>
    public static int? Planned(int maxSteps, int? trainingPairs) => trainingPairs is null ? null : maxSteps;

    /// <summary>"120 / 2,400", or "planned steps not known yet" (with the step when there is one).</summary>
    public static string Describe(int step, int? planned) => planned is { } steps
        ? string.Create(CultureInfo.InvariantCulture, $"{step:N0} / {steps:N0}")
        : step > 0 ? string.Create(CultureInfo.InvariantCulture, $"{step:N0}, {NotKnownYet}") : NotKnownYet;

    /// <summary>Completed share of the planned steps, 0 while they are not known.</summary>
    public static double Percent(int step, int? planned) => planned is > 0 ? Math.Min(100, 100.0 * step / planned.Value) : 0;
}
