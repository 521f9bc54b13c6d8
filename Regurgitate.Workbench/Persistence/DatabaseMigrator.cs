using Microsoft.EntityFrameworkCore;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// Brings the database to the current schema, for the dashboard and the command line alike, and carries out what an
/// upgrade needs besides SQL: on the upgrade that introduces folder identities, the existing rows adopt the folders
/// that provably are theirs (<see cref="Folders.FolderAdoption"/>), which no later start could tell apart any more.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<RegurgitateDbContext> contextFactory, Folders.FolderAdoption folderAdoption)
{
    /// <summary>The name ending of the migration that gave every run and experiment its folder identity.</summary>
    public const string FolderIdentitiesMigration = "_FolderIdentities";

    // The session-level advisory lock PostgreSQL migrations run under; the key is any fixed number.
    private const string LockSql = "SELECT pg_advisory_lock(23205750425429865)";
    private const string UnlockSql = "SELECT pg_advisory_unlock(23205750425429865)";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (context.Database.IsNpgsql())
        {
            // Several processes start on one new database at once (a dashboard and its workers): EF's own migration
            // lock on PostgreSQL lasts one transaction, so a second process could still apply a migration the first had
            // just applied ("column already exists", seen in WorkersProcessTests). A session lock on the connection the
            // migration uses holds until every migration is in; the loser then finds nothing pending.
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await context.Database.ExecuteSqlRawAsync(LockSql, cancellationToken).ConfigureAwait(false);
            try
            {
                await MigrateAsync(context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await context.Database.ExecuteSqlRawAsync(UnlockSql, CancellationToken.None).ConfigureAwait(false);
            }

            return;
        }

        await MigrateAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(RegurgitateDbContext context, CancellationToken cancellationToken)
    {
        // A new database has no folders of its own yet: whatever lies in the folders belongs to another one.
        var upgradingToFolderIdentities = (await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any()
            && (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any(m => m.EndsWith(FolderIdentitiesMigration, StringComparison.Ordinal));
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (upgradingToFolderIdentities)
        {
            await folderAdoption.AdoptAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
