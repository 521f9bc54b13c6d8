namespace Regurgitate.Workbench.Tests.TestSupport;

/// <summary>
/// Tests whose assertions are timings (how long a write lock is held while a live run saves) run with no other test
/// class of this assembly beside them: on two shared cores, a neighbour's training stretched a 2 s wait into a
/// "database is locked" failure that said nothing about the code under test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "Solo (timings)";
}
