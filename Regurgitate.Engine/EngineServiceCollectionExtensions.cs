using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine;

/// <summary>The engine's composition root: everything a host needs to run experiments.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Configuration holding the "Regurgitate" sections.</param>
    /// <param name="baseDirectory">Folder against which relative paths in the configuration are resolved (the content root).</param>
    public static IServiceCollection AddRegurgitateEngine(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        services.AddOptions<DataOptions>()
            .Bind(configuration.GetSection(DataOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), $"{DataOptions.SectionName}:{nameof(DataOptions.DataDirectory)} must name a folder.")
            .ValidateOnStart();
        services.AddSingleton(provider => new CorpusCatalog(provider.GetRequiredService<IOptions<DataOptions>>(), baseDirectory));
        services.AddSingleton<CorpusLoader>();
        services.AddSingleton<SyntheticDatasetRepository>();
        services.TryAddSingleton<Training.ITrainingFaultInjector>(Training.NoTrainingFaults.Instance);
        services.AddSingleton<TrainingSetComposer>();
        services.AddSingleton<TrainingSetPlanner>();
        services.AddSingleton<IRunExecutor, RunExecutor>();

        // Not validated on start: a host without a provider still runs; a hosted run validates them (with its spec's values over them).
        services.AddOptions<Hosted.HostedFineTuningOptions>().Bind(configuration.GetSection(Hosted.HostedFineTuningOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Hosted.HostedRunExecutor>();
        return services;
    }
}
