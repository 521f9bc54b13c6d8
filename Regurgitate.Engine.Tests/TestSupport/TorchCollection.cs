namespace Regurgitate.Engine.Tests.TestSupport;

/// <summary>
/// Tests that seed libtorch's global generator run one at a time: in parallel, one test's dropout masks would
/// consume another's random numbers and break determinism checks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "libtorch";
}
