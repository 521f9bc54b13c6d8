using Microsoft.EntityFrameworkCore;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// The workbench's model on PostgreSQL. A type of its own only so that its migrations (<c>Migrations/PostgreSql/</c>)
/// are kept apart from SQLite's; everything else reads it as a <see cref="RegurgitateDbContext"/>.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : RegurgitateDbContext(options);
