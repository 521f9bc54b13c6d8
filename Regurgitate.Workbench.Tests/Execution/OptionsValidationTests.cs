using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Execution;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Every_runs_setting_error_is_reported_with_its_configuration_key()
    {
        var result = new RunsOptionsValidator().Validate(null, new RunsOptions { RunsDirectory = " ", MaxConcurrentRuns = 0, MetricFlushInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Regurgitate:Runs:RunsDirectory ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Regurgitate:Runs:MaxConcurrentRuns ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Regurgitate:Runs:MetricFlushInterval ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_runs_settings_are_valid()
    {
        Assert.True(new RunsOptionsValidator().Validate(null, new RunsOptions()).Succeeded);
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("Data Source=", "has no 'Data Source'")]
    [InlineData("Nonsense Keyword=1", "not a valid SQLite connection string")]
    public void A_bad_connection_string_is_reported_with_its_key(string? connectionString, string expected)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = connectionString });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("ConnectionStrings:Regurgitate ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120_000)]
    public void A_queue_poll_interval_outside_10_ms_to_1_min_is_refused_with_its_key(int milliseconds)
    {
        var result = new RunsOptionsValidator().Validate(null, new RunsOptions { QueuePollInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.StartsWith("Regurgitate:Runs:QueuePollInterval ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(601)]
    public void A_busy_timeout_outside_1_s_to_10_min_is_refused_with_its_key(double seconds)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = "Data Source=x.db", BusyTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.StartsWith("Regurgitate:Database:BusyTimeout ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20_000)]
    public void A_change_check_interval_outside_50_ms_to_10_s_is_refused_with_its_key(int milliseconds)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = "Data Source=x.db", ChangeCheckInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.StartsWith("Regurgitate:Database:ChangeCheckInterval ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_busy_timeout_becomes_the_connections_default_timeout()
    {
        var root = Directory.CreateTempSubdirectory("regurgitate-timeout-").FullName;
        try
        {
            var resolved = SqliteConnectionStrings.ResolveAndPrepare("Data Source=App_Data/x.db", root, TimeSpan.FromSeconds(45));

            Assert.Equal(45, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(resolved).DefaultTimeout);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
