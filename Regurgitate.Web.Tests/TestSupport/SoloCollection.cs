namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// Tests that measure the whole machine (many browser sessions, live training) run with no other test class of
/// this assembly beside them, so their timings and memory figures are their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "Solo (machine-wide measurements)";
}
