using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Persistence;

/// <summary>
/// SQLite and PostgreSQL each have their own migrations; a model change with a migration for only one of them
/// leaves the other behind, which this catches before any server is needed.
/// </summary>
public sealed class MigrationsInStepTests
{
    [Fact]
    public void Both_providers_migrations_reach_the_current_model()
    {
        using var sqlite = new RegurgitateDbContext(new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlDbContext(RegurgitateDbContextFactory.ForPostgreSql("Host=127.0.0.1;Database=unused"));

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite's migrations are behind the model: dotnet ef migrations add NAME --context RegurgitateDbContext");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL's migrations are behind the model: dotnet ef migrations add NAME --context PostgreSqlDbContext --output-dir Persistence/Migrations/PostgreSql");
    }

    [Fact]
    public void Each_provider_sees_only_its_own_migrations_and_both_sets_hold_the_same_tables()
    {
        using var sqlite = new RegurgitateDbContext(new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlDbContext(RegurgitateDbContextFactory.ForPostgreSql("Host=127.0.0.1;Database=unused"));

        var sqliteMigrations = sqlite.GetService<IMigrationsAssembly>().Migrations.Keys;
        var postgresMigrations = postgres.GetService<IMigrationsAssembly>().Migrations.Keys;

        Assert.DoesNotContain(sqliteMigrations, postgresMigrations.Contains);
        Assert.Contains(postgresMigrations, m => m.EndsWith("_PostgreSqlInitial", StringComparison.Ordinal));
        Assert.Equal(Tables(sqlite), Tables(postgres));
    }

    private static List<string> Tables(DbContext context) =>
        [.. context.Model.GetEntityTypes().Select(e => $"{e.GetTableName()}({string.Join(",", e.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal))})").Order(StringComparer.Ordinal)];
}
