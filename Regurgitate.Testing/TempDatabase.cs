using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>
/// A fresh SQLite file in a temp folder, migrated on demand, deleted on dispose; with
/// <see cref="PostgreSqlTestServer.Selected"/>, a fresh database on the test server instead.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    /// <param name="provider">A provider the test is about; null takes the one the test run selects.</param>
    public TempDatabase(DatabaseProvider? provider = null)
    {
        Folder = Directory.CreateTempSubdirectory("regurgitate-web-tests-").FullName;
        Provider = provider ?? (PostgreSqlTestServer.Selected ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            ConnectionString = PostgreSqlTestServer.Shared.CreateDatabase();
            var postgres = RegurgitateDbContextFactory.ForPostgreSql(ConnectionString);
            Factory = new ContextFactory(() => new PostgreSqlDbContext(postgres));
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(Folder, "test.db")}";
            var sqlite = new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite(ConnectionString).Options;
            Factory = new ContextFactory(() => new RegurgitateDbContext(sqlite));
        }
    }

    public string Folder { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public IDbContextFactory<RegurgitateDbContext> Factory { get; }

    public async Task MigrateAsync()
    {
        await using var context = await Factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
    }

    public void Dispose()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            PostgreSqlTestServer.Shared.DropDatabase(ConnectionString);
        }

        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private sealed class ContextFactory(Func<RegurgitateDbContext> create) : IDbContextFactory<RegurgitateDbContext>
    {
        public RegurgitateDbContext CreateDbContext() => create();
    }
}
