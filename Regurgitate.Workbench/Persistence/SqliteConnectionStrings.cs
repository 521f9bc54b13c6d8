using Microsoft.Data.Sqlite;

namespace Regurgitate.Workbench.Persistence;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// Resolves a relative <c>Data Source</c> against the content root (not the working directory, which differs
    /// between `dotnet run`, the IDE and tests) and creates the folder that will hold the database file. A
    /// <paramref name="busyTimeout"/> becomes the connection's <c>Default Timeout</c>: how long Microsoft.Data.Sqlite
    /// retries a statement while another connection holds the lock before SQLITE_BUSY reaches the caller.
    /// </summary>
    public static string ResolveAndPrepare(string connectionString, string contentRoot, TimeSpan? busyTimeout = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (busyTimeout is { } timeout)
        {
            builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        }

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
