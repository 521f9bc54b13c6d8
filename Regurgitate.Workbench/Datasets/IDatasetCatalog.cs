using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// The one place the front ends ask about datasets: the real corpora a run can train on, the published system outputs
/// aligned with them, and every dataset as catalogued in the database (corpora, published outputs, generated synthetic
/// sets, imports) with the scan that keeps that list current. The declarative lists behind it live in the engine
/// (<see cref="CorpusCatalog"/>, <see cref="ImportedSystemCatalog"/>), where the spec validator reads them; the pages
/// and the CLI read them here so that they never keep a list of their own.
/// </summary>
public interface IDatasetCatalog
{
    /// <summary>The real corpora runs and experiments can name, whether or not their files are present.</summary>
    IReadOnlyList<CorpusDescriptor> Corpora { get; }

    /// <summary>The corpus with this id (any case), or null.</summary>
    CorpusDescriptor? FindCorpus(string? corpusId);

    /// <summary>The published system outputs aligned line by line with a corpus (none for most corpora).</summary>
    IReadOnlyList<ImportedSystem> PublishedSystemsOf(string corpusId);

    /// <summary>The published system output with this generator id (e.g. <c>wmt22/GPT-4</c>, any case), or null.</summary>
    ImportedSystem? FindPublishedSystem(string generatorId);

    /// <summary>Every catalogued dataset, corpora first, as stored by the last scan or import.</summary>
    Task<IReadOnlyList<DatasetRow>> ListAsync(CancellationToken cancellationToken);

    Task<DatasetRow?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The folder a dataset's <see cref="DatasetRow.Files"/> are relative to: the data directory for corpora and system outputs, else the datasets folder.</summary>
    string FolderOf(DatasetKind kind);

    /// <summary>Where the catalogue's scan stands.</summary>
    CatalogScanState ScanState { get; }

    /// <summary>Raised (on a worker thread) whenever <see cref="ScanState"/> changes.</summary>
    event Action<CatalogScanState>? ScanStateChanged;

    /// <summary>Scans the data and datasets folders now, or joins the scan in progress.</summary>
    Task<CatalogScanResult> ScanAsync(CancellationToken cancellationToken);
}
