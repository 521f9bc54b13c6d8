using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// Contexts on the configured provider: SQLite's <see cref="RegurgitateDbContext"/> or PostgreSQL's
/// <see cref="PostgreSqlDbContext"/>, so every service asks one factory whatever the database.
/// </summary>
public sealed class RegurgitateDbContextFactory : IDbContextFactory<RegurgitateDbContext>
{
    private readonly Func<RegurgitateDbContext> create;

    public RegurgitateDbContextFactory(IOptions<DatabaseOptions> options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = options.Value;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var postgres = ForPostgreSql(database.ConnectionString!);
            create = () => new PostgreSqlDbContext(postgres);
        }
        else
        {
            var sqlite = new DbContextOptionsBuilder<RegurgitateDbContext>()
                .UseSqlite(SqliteConnectionStrings.ResolveAndPrepare(database.ConnectionString!, contentRoot, database.BusyTimeout))
                .Options;
            create = () => new RegurgitateDbContext(sqlite);
        }
    }

    public static DbContextOptions<PostgreSqlDbContext> ForPostgreSql(string connectionString) =>
        new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(connectionString).Options;

    public RegurgitateDbContext CreateDbContext() => create();
}
