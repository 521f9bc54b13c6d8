namespace Regurgitate.Workbench.Persistence;

/// <summary>The SQLite database, from <c>ConnectionStrings:Regurgitate</c> and <c>Regurgitate:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Regurgitate";
    public const string ConfigurationKey = "ConnectionStrings:" + ConnectionStringName;

    public const string SectionName = "Regurgitate:Database";

    public string? ConnectionString { get; set; }

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
}
