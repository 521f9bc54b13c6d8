using Microsoft.Extensions.Configuration;

namespace Regurgitate.Workbench.Datasets;

public static class DatasetServiceCollectionExtensions
{
    /// <summary>
    /// The dataset catalogue (scanned in the background at start-up; register after the database initializer so that
    /// the schema exists), the importer and the known-corpus downloads.
    /// </summary>
    public static IServiceCollection AddDatasetCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatasetCatalogOptions>()
            .Bind(configuration.GetSection(DatasetCatalogOptions.SectionName))
            .Validate(o => o.MaxImportBytes > 0 && o.MaxImportedTextBytes > 0 && o.ScanParallelism > 0, $"{DatasetCatalogOptions.SectionName}: limits and parallelism must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DatasetCatalogScanner>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<KnownCorpusDownloadService>();
        services.AddHostedService<DatasetCatalogStartupScan>();
        return services;
    }
}
