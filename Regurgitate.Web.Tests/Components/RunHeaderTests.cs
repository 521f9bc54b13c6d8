using Bunit;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Features.RunView;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Components;

public sealed class RunHeaderTests : DashboardTestContext
{
    private static readonly RunSnapshot Started = new() { RunId = 7, Status = RunStatus.Running, Device = "cpu", ParameterCount = 2_103_552 };

    [Fact]
    public void The_exact_parameter_count_the_run_reported_is_shown()
    {
        var header = Render(Started);

        Assert.Equal("2,103,552", header.Find("[data-testid=run-parameters]").TextContent);
        Assert.Contains("2,103,552 parameters", header.Find(".run-facts").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_model_is_built_no_count_is_shown() =>
        Assert.Empty(Render(Started with { Status = RunStatus.Queued, Device = null, ParameterCount = null }).FindAll("[data-testid=run-parameters]"));

    [Fact]
    public void The_threads_the_run_trains_with_are_shown_beside_its_device()
    {
        var facts = string.Join(' ', Render(Started with { Threads = 2 }).Find(".run-facts").TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("device cpu × 2 threads", facts, StringComparison.Ordinal);
        Assert.Equal("1", Render(Started with { Threads = 1 }).Find("[data-testid=run-threads]").TextContent);
        Assert.Empty(Render(Started).FindAll("[data-testid=run-threads]"));
    }

    private IRenderedComponent<RunHeader> Render(RunSnapshot snapshot) => Context.Render<RunHeader>(p => p
        .Add(c => c.Details, new RunDetails(7, "toy", "{}", "multi30k", DateTimeOffset.UnixEpoch, snapshot))
        .Add(c => c.Snapshot, snapshot));
}
