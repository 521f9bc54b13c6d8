using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Persistence;

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.ConfigurationKey} is missing: give a SQLite connection string such as 'Data Source=App_Data/regurgitate.db'.");
        }

        if (options.BusyTimeout < TimeSpan.FromSeconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.BusyTimeout)} must be between 00:00:01 and 00:10:00 (was {options.BusyTimeout}).");
        }

        if (options.ChangeCheckInterval < TimeSpan.FromMilliseconds(50) || options.ChangeCheckInterval > TimeSpan.FromSeconds(10))
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ChangeCheckInterval)} must be between 00:00:00.05 and 00:00:10 (was {options.ChangeCheckInterval}).");
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(builder.DataSource)
                ? ValidateOptionsResult.Fail($"{DatabaseOptions.ConfigurationKey} has no 'Data Source' (the SQLite file).")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // The message names the offending keyword, never the value, so nothing sensitive reaches the log.
            return ValidateOptionsResult.Fail($"{DatabaseOptions.ConfigurationKey} is not a valid SQLite connection string: {ex.Message}");
        }
    }
}
