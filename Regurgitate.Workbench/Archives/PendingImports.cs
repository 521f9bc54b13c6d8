using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Removes what an import wrote before its final commit: the hidden experiment, its runs and points (in batches, so a
/// live run's writes are not blocked) and the run folders it moved, then its staging folder. The importer calls this
/// when it fails; after a crash, <see cref="RecoverAsync"/> does the same at start-up and before each import. Run ids
/// are AUTOINCREMENT keys, so the ids of a discarded import are never handed out again.
/// </summary>
public sealed partial class PendingImports(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    Folders.ArtifactFolders folders,
    IOptions<ArchiveOptions> options,
    TimeProvider timeProvider,
    ILogger<PendingImports> logger)
{
    public string RunsRoot => folders.RunsRoot;

    /// <summary>Discards every import whose process is gone (its staging folder unlocked); returns how many.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        List<string> hidden;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            hidden = await context.Experiments.IgnoreQueryFilters().Where(e => e.Status == ExperimentStatus.Importing && e.Name.StartsWith(ImportStaging.Prefix))
                .Select(e => e.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var abandoned = hidden.Union(ImportStaging.StagingFolderNames(RunsRoot), StringComparer.Ordinal)
            .Where(name => ImportStaging.IsAbandoned(Path.Combine(RunsRoot, name)))
            .ToList();
        foreach (var name in abandoned)
        {
            await DiscardAsync(name, cancellationToken).ConfigureAwait(false);
            LogRecovered(name);
        }

        return abandoned.Count;
    }

    /// <summary>Discards the import staged as <paramref name="stagingName"/>: folders first, so a crash midway leaves rows that point to them.</summary>
    internal async Task DiscardAsync(string stagingName, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var experimentId = await context.Experiments.IgnoreQueryFilters()
            .Where(e => e.Name == stagingName && e.Status == ExperimentStatus.Importing)
            .Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (experimentId is { } id)
        {
            var runIds = await context.Runs.IgnoreQueryFilters().Where(r => r.ExperimentId == id).Select(r => r.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var runId in runIds)
            {
                // Named, not verified: only a folder carrying this import's marker is removed, and nothing else is set aside.
                ImportStaging.RemoveIfMovedBy(folders.PathOf(Folders.FolderKind.Run, runId), stagingName);
            }

            var limits = options.Value;
            foreach (var runId in runIds)
            {
                // One short statement per batch, with the importer's pause, so deleting millions of points never blocks a live run.
                while (await context.Database.ExecuteSqlAsync(
                    $"DELETE FROM \"MetricPoints\" WHERE \"Id\" IN (SELECT \"Id\" FROM \"MetricPoints\" WHERE \"RunId\" = {runId} LIMIT {limits.MaxBatchRows})",
                    cancellationToken).ConfigureAwait(false) > 0)
                {
                    await Task.Delay(limits.PauseBetweenBatches, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }

            // The runs go with their experiment (ON DELETE CASCADE).
            await context.Experiments.IgnoreQueryFilters().Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Nothing hidden: either nothing was committed, or the final commit was and only the markers and staging folder are left.
            ImportStaging.RemoveMarkers(RunsRoot, stagingName);
        }

        ImportStaging.DeleteFolder(Path.Combine(RunsRoot, stagingName));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the unfinished archive import {StagingName} left by a process that stopped")]
    private partial void LogRecovered(string stagingName);
}
