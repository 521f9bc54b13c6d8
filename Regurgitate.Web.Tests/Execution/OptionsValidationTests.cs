using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Execution;

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
}
