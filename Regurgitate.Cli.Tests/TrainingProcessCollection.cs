namespace Regurgitate.Cli.Tests;

/// <summary>
/// Tests that train in real <c>regurgitate</c> child processes and time them (SIGTERM to exit, kill points) run with no
/// other test class of this assembly beside them: in parallel on two cores, three trainings starved each other so
/// long that none reached its first steps within minutes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingProcessCollection
{
    public const string Name = "Training child processes";
}
