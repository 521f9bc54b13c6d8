namespace Regurgitate.Workbench.Persistence;

/// <summary>The SQLite database, from <c>ConnectionStrings:Regurgitate</c>.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Regurgitate";
    public const string ConfigurationKey = "ConnectionStrings:" + ConnectionStringName;

    public string? ConnectionString { get; set; }
}
