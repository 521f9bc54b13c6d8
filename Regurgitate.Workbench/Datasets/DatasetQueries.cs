using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

public sealed class DatasetQueries(IDbContextFactory<RegurgitateDbContext> contextFactory) : IDatasetQueries
{
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
