using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Datasets;

/// <summary>A migrated temp database, a datasets folder, and the catalogue services over a given data directory.</summary>
internal sealed class CatalogHarness : IDisposable
{
    private CatalogHarness(TempDatabase database, string dataDirectory, DatasetCatalogOptions options)
    {
        Database = database;
        DatasetsDirectory = Path.Combine(database.Folder, "datasets");
        Corpora = new CorpusCatalog(new DataOptions { DataDirectory = dataDirectory, DatasetsDirectory = DatasetsDirectory }, database.Folder);
        Options = options;
        Catalog = NewCatalog();
        Importer = new DatasetImporter(database.Factory, Catalog, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
    }

    public TempDatabase Database { get; }
    public string DatasetsDirectory { get; }
    public CorpusCatalog Corpora { get; }
    public DatasetCatalogOptions Options { get; }
    public DatasetCatalogScanner Catalog { get; }
    public DatasetImporter Importer { get; }

    /// <param name="provider">A provider the test needs (the hostile matrix reads SQLite's tables directly); null takes the run's.</param>
    public static async Task<CatalogHarness> CreateAsync(string dataDirectory, DatasetCatalogOptions? options = null, DatabaseProvider? provider = null)
    {
        var database = new TempDatabase(provider);
        await database.MigrateAsync();
        return new CatalogHarness(database, dataDirectory, options ?? new DatasetCatalogOptions());
    }

    /// <summary>A second service over the same folders, as after a restart (its cache comes from disk).</summary>
    public DatasetCatalogScanner NewCatalog() =>
        new(Database.Factory, Corpora, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<DatasetCatalogScanner>.Instance);

    public void Dispose()
    {
        Catalog.Dispose();
        Database.Dispose();
    }
}
