using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// <see cref="IDatasetCatalog"/> over the engine's declarative lists, the <see cref="RegurgitateDbContext.Datasets"/>
/// table and the <see cref="DatasetCatalogScanner"/> that fills it.
/// </summary>
public sealed class DatasetCatalog(IDbContextFactory<RegurgitateDbContext> contextFactory, DatasetCatalogScanner scanner) : IDatasetCatalog
{
    public IReadOnlyList<CorpusDescriptor> Corpora => CorpusCatalog.Corpora;

    public CorpusDescriptor? FindCorpus(string? corpusId) => CorpusCatalog.Find(corpusId);

    public IReadOnlyList<ImportedSystem> PublishedSystemsOf(string corpusId) => [.. ImportedSystemCatalog.ForCorpus(corpusId)];

    public ImportedSystem? FindPublishedSystem(string generatorId) => ImportedSystemCatalog.Find(generatorId);

    public string FolderOf(DatasetKind kind) => scanner.RootOf(kind);

    public CatalogScanState ScanState => scanner.State;

    public event Action<CatalogScanState>? ScanStateChanged
    {
        add => scanner.StateChanged += value;
        remove => scanner.StateChanged -= value;
    }

    public Task<CatalogScanResult> ScanAsync(CancellationToken cancellationToken) => scanner.ScanAsync(cancellationToken);

    public async Task<IReadOnlyList<DatasetRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await context.Datasets.AsNoTracking().ToListAsync(cancellationToken);
        return [.. records.OrderBy(r => r.Kind).ThenBy(r => r.CorpusId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Select(ToRow)];
    }

    public async Task<DatasetRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await context.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return record is null ? null : ToRow(record);
    }

    internal static DatasetRow ToRow(DatasetRecord r) => new(
        r.Id, r.Kind, r.Name, r.Description, r.LanguagePair, r.Origin, r.Licence, r.CorpusId, Files(r.FilesJson), r.Sha256, r.Bytes, r.Pairs, r.Failed,
        r.Available, r.Problem, r.CataloguedAt);

    private static IReadOnlyList<string> Files(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
