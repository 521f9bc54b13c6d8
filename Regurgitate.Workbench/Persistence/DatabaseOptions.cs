namespace Regurgitate.Workbench.Persistence;

/// <summary>The database (SQLite by default, or PostgreSQL), from <c>ConnectionStrings:Regurgitate</c> and <c>Regurgitate:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Regurgitate";
    public const string ConfigurationKey = "ConnectionStrings:" + ConnectionStringName;

    public const string SectionName = "Regurgitate:Database";

    public string? ConnectionString { get; set; }

    /// <summary>SQLite (a file, one machine) or PostgreSQL (a server several hosts share); the connection string is that provider's.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// How long a command waits for another connection's lock (SQLITE_BUSY) before failing: Microsoft.Data.Sqlite
    /// retries a busy statement until this elapses (it becomes the connection's <c>Default Timeout</c>, whole seconds).
    /// With WAL, readers never wait for the writer; this covers writers waiting for each other and for checkpoints.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often open pages' shared watcher asks SQLite whether anything was committed (by this process or another);
    /// pages are told only when something was. Checked only while a page is watching.
    /// </summary>
    public TimeSpan ChangeCheckInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the rows live, for people: the SQLite file's full path, or the PostgreSQL database and server (never a password).</summary>
    public string Describe(string contentRoot)
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            var postgres = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL database '{postgres.Database}' on {postgres.Host}:{postgres.Port}";
        }

        return Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource, contentRoot);
    }
}
