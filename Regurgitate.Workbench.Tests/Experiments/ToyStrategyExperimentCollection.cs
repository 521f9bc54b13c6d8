namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>The test classes that share one trained <see cref="ToyStrategyExperiment"/> (trained once, read in turn).</summary>
[CollectionDefinition(Name)]
public sealed class ToyStrategyExperimentCollection : ICollectionFixture<ToyStrategyExperiment>
{
    public const string Name = "toy strategy experiment";
}
