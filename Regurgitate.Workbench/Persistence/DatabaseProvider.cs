namespace Regurgitate.Workbench.Persistence;

/// <summary>Which database server holds the workbench's rows (<c>Regurgitate:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A file next to the app: one machine, nothing to install (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server that dashboards and workers on several hosts share.</summary>
    PostgreSql,
}
