namespace Regurgitate.Workbench.Tests.TestSupport;

/// <summary>
/// Tests that must have the process to themselves run with no other test class of this assembly beside them:
/// timings (how long a write lock is held while a live run saves: a neighbour's training on two shared cores
/// stretched a 2 s wait into "database is locked"), and bit-exact comparisons of trained models (libtorch's thread
/// count is process-wide, and a neighbour's setting changes how products are split and so their last bits).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "Solo (timings)";
}
