using Microsoft.EntityFrameworkCore.Design;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --context PostgreSqlDbContext --output-dir Persistence/Migrations/PostgreSql</c>
/// build the model without a server; adding a migration never connects.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        new(RegurgitateDbContextFactory.ForPostgreSql("Host=127.0.0.1;Database=regurgitate_design"));
}
