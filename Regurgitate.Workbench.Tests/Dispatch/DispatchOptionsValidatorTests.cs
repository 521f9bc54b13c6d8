using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Dispatch;

/// <summary>In the Hangfire collection because one test builds a Workers-mode host, which points Hangfire's statics at it.</summary>
[Collection(HangfireCollection.Name)]
public sealed class DispatchOptionsValidatorTests
{
    private static readonly string Shared = Path.Combine(Path.GetTempPath(), "shared-root");

    [Fact]
    public void In_process_is_the_default_and_needs_nothing_more()
    {
        Assert.True(Validate(new DispatchOptions(), DatabaseProvider.Sqlite, "App_Data/runs").Succeeded);
    }

    [Fact]
    public void Workers_mode_needs_postgresql_and_shared_absolute_folders_and_says_which_key()
    {
        var result = Validate(new DispatchOptions { Mode = DispatchMode.Workers }, DatabaseProvider.Sqlite, "App_Data/runs");

        Assert.False(result.Succeeded);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Regurgitate:Dispatch:Mode", StringComparison.Ordinal) && f.Contains("Regurgitate:Database:Provider", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Regurgitate:Runs:RunsDirectory must be an absolute path", StringComparison.Ordinal));
        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public void Workers_mode_on_postgresql_with_shared_folders_is_valid()
    {
        Assert.True(Validate(new DispatchOptions { Mode = DispatchMode.Workers, Devices = "cuda:0, cuda:1" }, DatabaseProvider.PostgreSql, Path.Combine(Shared, "runs")).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cpu,cuda")]
    public void Device_slots_must_be_cpu_or_cuda_n(string devices)
    {
        var result = Validate(new DispatchOptions { Mode = DispatchMode.Workers, Devices = devices }, DatabaseProvider.PostgreSql, Path.Combine(Shared, "runs"));

        Assert.Contains("Regurgitate:Dispatch:Devices", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_in_workers_mode_on_sqlite_refuses_to_start_naming_the_keys()
    {
        using var toy = new ToyWorkbenchHost(postgreSql: false);
        using var host = toy.Build(new Dictionary<string, string?> { ["Regurgitate:Dispatch:Mode"] = "Workers" });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Regurgitate:Database:Provider", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Experiments:ExperimentsDirectory", refused.Message, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(DispatchOptions dispatch, DatabaseProvider provider, string runsDirectory) =>
        new DispatchOptionsValidator(
            Options.Create(new DatabaseOptions { Provider = provider }),
            Options.Create(new RunsOptions { RunsDirectory = runsDirectory }),
            Options.Create(new ExperimentsOptions { ExperimentsDirectory = Path.Combine(Shared, "experiments") }),
            Options.Create(new DataOptions { DatasetsDirectory = Path.Combine(Shared, "datasets") })).Validate(null, dispatch);
}
