using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Regurgitate.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for this test process: <c>initdb</c> into a temporary folder, started on a free
/// loopback port with its socket in that folder (no system service assumed), stopped and deleted when the process
/// exits. Each test takes a database of its own with <see cref="CreateDatabase"/>. As root (CI) the server runs as
/// the <c>postgres</c> user, since <c>initdb</c> refuses root.
/// </summary>
public sealed class PostgreSqlTestServer
{
    private const string User = "regurgitate";
    private static readonly Lazy<PostgreSqlTestServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string folder;
    private readonly string binaries;
    private readonly int port;
    private int databases;

    private PostgreSqlTestServer(string folder, string binaries, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        this.port = port;
    }

    /// <summary>The process's server, started on first use (a few seconds).</summary>
    public static PostgreSqlTestServer Shared => SharedServer.Value;

    /// <summary>Whether tests that share a database choose PostgreSQL: <c>REGURGITATE_TEST_DATABASE=PostgreSql</c>, as <c>.ci/run</c>'s second pass sets it.</summary>
    public static bool Selected =>
        string.Equals(Environment.GetEnvironmentVariable("REGURGITATE_TEST_DATABASE"), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}");
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>Closes the database's pooled connections and drops it, so that a long test run stays under the server's connection limit.</summary>
    public void DropDatabase(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = User, Database = database, Pooling = true, Timeout = 30 }.ConnectionString;

    private static PostgreSqlTestServer Start()
    {
        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("regurgitate-postgres-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["-R", "postgres:postgres", folder]);
        }

        var port = LoopbackPort.Free();
        var data = Path.Combine(folder, "data");
        var server = new PostgreSqlTestServer(folder, binaries, port);
        server.Tool("initdb", ["-D", data, "-A", "trust", "-U", User, "-E", "UTF8", "--no-sync"]);
        server.Tool("pg_ctl", ["-D", data, "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400", "-l", Path.Combine(folder, "log"), "-w", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    // In a session of its own, so that the server is stopped and its folder removed even when the test host is ended
    // before its exit handlers finish.
    private void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        var pgCtl = Path.Combine(binaries, "pg_ctl");
        var stop = Environment.UserName == "root" ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", $"{stop} -D '{Path.Combine(folder, "data")}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{folder}'" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        process?.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private void Tool(string name, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binaries, name);
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}{output.Result}");
        }
    }

    // Debian keeps the server's programs out of PATH, under /usr/lib/postgresql/<major>/bin; the newest one wins.
    private static string FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return debian ?? onPath ?? throw new InvalidOperationException(
            "PostgreSQL's initdb was not found (in /usr/lib/postgresql/*/bin or PATH): install Debian's 'postgresql' package (.ci/run does).");
    }

}
