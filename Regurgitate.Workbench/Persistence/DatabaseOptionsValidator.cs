using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Regurgitate.Workbench.Persistence;

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            errors.Add($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)} must be {DatabaseProvider.Sqlite} or {DatabaseProvider.PostgreSql} (was {options.Provider}).");
        }

        if (options.BusyTimeout < TimeSpan.FromSeconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.BusyTimeout)} must be between 00:00:01 and 00:10:00 (was {options.BusyTimeout}).");
        }

        if (options.ChangeCheckInterval < TimeSpan.FromMilliseconds(50) || options.ChangeCheckInterval > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ChangeCheckInterval)} must be between 00:00:00.05 and 00:00:10 (was {options.ChangeCheckInterval}).");
        }

        if (ConnectionStringError(options) is { } connection)
        {
            errors.Add(connection);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // The messages name the offending keyword, never the value, so no password reaches the log.
    private static string? ConnectionStringError(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return $"{DatabaseOptions.ConfigurationKey} is missing: give a PostgreSQL connection string such as 'Host=db.example;Database=regurgitate;Username=regurgitate'.";
            }

            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                return string.IsNullOrWhiteSpace(builder.Host) ? $"{DatabaseOptions.ConfigurationKey} has no 'Host' (the PostgreSQL server)."
                    : string.IsNullOrWhiteSpace(builder.Database) ? $"{DatabaseOptions.ConfigurationKey} has no 'Database'."
                    : null;
            }
            catch (ArgumentException ex)
            {
                return $"{DatabaseOptions.ConfigurationKey} is not a valid PostgreSQL connection string: {ex.Message}";
            }
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return $"{DatabaseOptions.ConfigurationKey} is missing: give a SQLite connection string such as 'Data Source=App_Data/regurgitate.db'.";
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(builder.DataSource) ? $"{DatabaseOptions.ConfigurationKey} has no 'Data Source' (the SQLite file)." : null;
        }
        catch (ArgumentException ex)
        {
            return $"{DatabaseOptions.ConfigurationKey} is not a valid SQLite connection string: {ex.Message}";
        }
    }
}
