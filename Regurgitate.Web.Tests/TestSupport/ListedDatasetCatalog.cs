using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// The dataset catalogue for component tests: the engine's real corpora and published systems, and the stored rows
/// given (no database, no scan).
/// </summary>
public sealed class ListedDatasetCatalog(params DatasetRow[] rows) : IDatasetCatalog
{
    public event Action<CatalogScanState>? ScanStateChanged
    {
        add { }
        remove { }
    }

    public IReadOnlyList<CorpusDescriptor> Corpora => CorpusCatalog.Corpora;

    public CatalogScanState ScanState => CatalogScanState.Idle;

    public CorpusDescriptor? FindCorpus(string? corpusId) => CorpusCatalog.Find(corpusId);

    public IReadOnlyList<ImportedSystem> PublishedSystemsOf(string corpusId) => [.. ImportedSystemCatalog.ForCorpus(corpusId)];

    public ImportedSystem? FindPublishedSystem(string generatorId) => ImportedSystemCatalog.Find(generatorId);

    public Task<IReadOnlyList<DatasetRow>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DatasetRow>>(rows);

    public Task<DatasetRow?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(rows.FirstOrDefault(r => r.Id == id));

    public string FolderOf(DatasetKind kind) => throw new NotSupportedException("Component tests read no dataset files.");

    public Task<CatalogScanResult> ScanAsync(CancellationToken cancellationToken) => throw new NotSupportedException("Component tests scan nothing.");
}
