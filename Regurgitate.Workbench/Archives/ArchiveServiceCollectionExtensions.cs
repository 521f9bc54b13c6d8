using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Archives;

public static class ArchiveServiceCollectionExtensions
{
    /// <summary>Experiment archive export and import, with their limits validated at start-up.</summary>
    public static IServiceCollection AddExperimentArchives(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>();
        services.AddSingleton(_ => new SecretRedactor(configuration));
        services.AddSingleton<ExperimentArchiveWriter>();
        services.AddSingleton<PendingImports>();
        services.AddHostedService<PendingImportRecovery>();
        services.AddSingleton<ExperimentArchiveImporter>();
        services.AddSingleton<IExperimentArchiveImporter>(provider => provider.GetRequiredService<ExperimentArchiveImporter>());
        return services;
    }
}
