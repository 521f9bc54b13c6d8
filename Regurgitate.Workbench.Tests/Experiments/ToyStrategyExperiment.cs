using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// A multi30k experiment trained for real once, at toy scale, and shared by the tests that read it: two local
/// generators, the scorer models, quality and detector scores on held-out sources, and five grid runs at size 40
/// (real; "low" in random, quality and detector order; the "mixed" low + low-b source).
/// </summary>
public sealed class ToyStrategyExperiment : IAsyncLifetime
{
    private static readonly ModelConfig Toy = ToyWorkbenchHost.Toy;
    private static readonly TrainingConfig Quick = ToyWorkbenchHost.Quick;

    private readonly ToyWorkbenchHost workbench = new();

    public static ExperimentSpec Spec => new()
    {
        Name = "toy strategies",
        CorpusId = "multi30k",
        DevSize = 8,
        TestSize = 12,
        Sizes = [40],
        RealFractions = [1.0, 0.0],
        SyntheticSources =
        [
            new SyntheticSourceSpec { Generators = [new SyntheticShare("low")] },
            new SyntheticSourceSpec { Name = "mixed", Generators = [new SyntheticShare("low"), new SyntheticShare("low-b")] },
        ],
        Generators =
        [
            new LocalGeneratorSpec { Id = "low", TrainSize = 60, Model = Toy, Training = Quick, BeamSize = 1 },
            new LocalGeneratorSpec { Id = "low-b", TrainSize = 40, Seed = 2, Model = Toy, Training = Quick, BeamSize = 1 },
        ],
        Strategies =
        [
            new StrategySpec(),
            new StrategySpec { Name = "quality", Order = StrategyOrder.Quality, Sources = ["low"] },
            new StrategySpec { Name = "detector", Order = StrategyOrder.Detector, Sources = ["low"], DropBottom = 0.25 },
        ],
        Mitigation = new MitigationSettings { HeldOutSources = 50, PoolFactor = 2, ScorerModel = Toy, ScorerTraining = Quick, DetectorTestFraction = 0.2 },
        Seeds = [1],
        Model = Toy,
        Training = Quick,
    };

    public IHost Host { get; private set; } = default!;

    public int ExperimentId { get; private set; }

    /// <summary>How the first run to completion ended.</summary>
    public ExperimentStatusReport Report { get; private set; } = default!;

    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync()
    {
        Host = workbench.Build();
        await Host.StartAsync();
        var service = Host.Services.GetRequiredService<IExperimentService>();
        ExperimentId = await service.CreateAsync(Spec, CancellationToken.None);
        Report = await service.RunToCompletionAsync(ExperimentId, null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        workbench.Dispose();
    }
}
