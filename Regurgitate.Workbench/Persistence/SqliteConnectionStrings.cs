using Microsoft.Data.Sqlite;

namespace Regurgitate.Workbench.Persistence;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// Resolves a relative <c>Data Source</c> against the content root (not the working directory, which differs
    /// between `dotnet run`, the IDE and tests) and creates the folder that will hold the database file.
    /// </summary>
    public static string ResolveAndPrepare(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var isInMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:";
        if (!isInMemory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            var folder = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }
}
