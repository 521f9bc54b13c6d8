using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Regurgitate.Cli.Tests;

/// <summary>Reads of a dashboard folder's database, for tests that watch a <see cref="CliProcess"/> from outside.</summary>
internal static class RunDatabase
{
    public static string DatabaseOf(string root) => Path.Combine(root, "App_Data", "regurgitate.db");

    /// <summary>The highest step any run has recorded so far (0 before the database exists or is migrated).</summary>
    public static async Task<long> LastStepAsync(string root)
    {
        if (!File.Exists(DatabaseOf(root)))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={DatabaseOf(root)};Mode=ReadOnly");
            await connection.OpenAsync();
            return await ScalarAsync<long?>(connection, "SELECT MAX(LastStep) FROM Runs") ?? 0;
        }
        catch (SqliteException)
        {
            return 0; // not migrated yet
        }
    }

    /// <summary>Waits until some run has recorded <paramref name="step"/>; false when the process ended or time ran out first.</summary>
    public static async Task<bool> WaitForStepAsync(CliProcess process, string root, long step, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await LastStepAsync(root) < step)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>The recorded training-loss points of one run (or every run), by step.</summary>
    public static async Task<List<(long Step, double Loss)>> LossesAsync(string root, int? runId = null)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseOf(root)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Step, Value FROM MetricPoints WHERE Name = 'train/loss' AND ($run IS NULL OR RunId = $run) ORDER BY Step";
        command.Parameters.AddWithValue("$run", (object?)runId ?? DBNull.Value);
        var points = new List<(long, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            points.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return points;
    }

    public static async Task<T> ScalarAsync<T>(string root, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseOf(root)}");
        await connection.OpenAsync();
        return await ScalarAsync<T>(connection, sql);
    }

    public static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }
}
