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

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

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
