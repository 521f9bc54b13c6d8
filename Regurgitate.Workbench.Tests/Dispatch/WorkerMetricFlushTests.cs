using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Dispatch;

/// <summary>A worker writes its points often enough for a page to see them within a second, unless told otherwise; others keep 2 s.</summary>
[Collection(HangfireCollection.Name)]
public sealed class WorkerMetricFlushTests : IDisposable
{
    private readonly ToyWorkbenchHost toy = new(postgreSql: false);

    public void Dispose() => toy.Dispose();

    [Theory]
    [InlineData(WorkbenchRole.Worker, null, 250)]
    [InlineData(WorkbenchRole.Worker, "00:00:03", 3_000)]
    [InlineData(WorkbenchRole.Dashboard, null, 2_000)]
    public void A_workers_metric_flush_interval_defaults_short_and_the_configuration_wins(WorkbenchRole role, string? configured, int expectedMilliseconds)
    {
        var settings = new Dictionary<string, string?> { ["Regurgitate:Dispatch:Mode"] = "Workers", ["Regurgitate:Runs:MetricFlushInterval"] = configured };
        if (configured is null)
        {
            settings.Remove("Regurgitate:Runs:MetricFlushInterval");
        }

        using var host = toy.Build(settings, role: role);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), host.Services.GetRequiredService<IOptions<RunsOptions>>().Value.MetricFlushInterval);
    }
}
