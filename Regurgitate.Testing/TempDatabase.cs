using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>A fresh SQLite file in a temp folder, migrated on demand, deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("regurgitate-web-tests-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Folder, "test.db")}";
        Factory = new ContextFactory(new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite(ConnectionString).Options);
    }

    public string Folder { get; }
    public string ConnectionString { get; }
    public IDbContextFactory<RegurgitateDbContext> Factory { get; }

    public async Task MigrateAsync()
    {
        await using var context = await Factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private sealed class ContextFactory(DbContextOptions<RegurgitateDbContext> options) : IDbContextFactory<RegurgitateDbContext>
    {
        public RegurgitateDbContext CreateDbContext() => new(options);
    }
}
