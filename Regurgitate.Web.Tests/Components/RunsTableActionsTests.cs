using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Components;

public sealed class RunsTableActionsTests : DashboardTestContext
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    private static readonly RunSummary[] Runs =
    [
        new(9, "grid", "multi30k", RunStatus.Queued, 0, 1000, null, null, null, Created, Priority: 0, Attempt: 0, QueuePosition: 2),
        new(8, "grid", "multi30k", RunStatus.Queued, 0, 1000, null, null, null, Created, Priority: 3, Attempt: 0, QueuePosition: 1),
        new(7, "grid", "multi30k", RunStatus.Running, 10, 1000, 5.2, null, null, Created),
        new(6, "grid", "multi30k", RunStatus.Failed, 40, 1000, 4.1, null, null, Created, Attempt: 2),
        new(5, "grid", "multi30k", RunStatus.Completed, 1000, 1000, 2.0, 20.0, 19.0, Created),
    ];

    [Fact]
    public void Each_row_offers_the_actions_its_status_allows_as_labelled_buttons_with_its_queue_position()
    {
        var table = Context.Render<RunsTable>(p => p.Add(c => c.Runs, Runs));

        var rows = table.FindAll("tbody tr");
        string[] Actions(int row) => [.. rows[row].QuerySelectorAll("[data-testid=run-actions] button").Select(b => b.GetAttribute("data-testid")!)];
        Assert.Equal(["raise-priority", "lower-priority", "cancel-run"], Actions(0));
        Assert.Equal(["cancel-run"], Actions(2));
        Assert.Equal(["retry-run"], Actions(3));
        Assert.Empty(Actions(4));

        Assert.Equal(["2", "1", "–", "–", "–"], rows.Select(r => r.QuerySelector("[data-testid=queue-position]")!.TextContent.Trim()));
        Assert.Contains("retry 2", rows[3].TextContent, StringComparison.Ordinal);

        // Real buttons (reachable with Tab, pressed with Enter/Space) that say what they do to which run.
        var raise = rows[1].QuerySelector("[data-testid=raise-priority]")!;
        Assert.Equal("BUTTON", raise.TagName);
        Assert.Equal("Raise the priority of run 8", raise.GetAttribute("aria-label"));
        Assert.NotEqual("-1", raise.GetAttribute("tabindex"));
    }

    [Fact]
    public async Task Pressing_an_action_calls_the_queue_reports_the_result_and_asks_the_page_to_reload()
    {
        var reloads = 0;
        var table = Context.Render<RunsTable>(p => p
            .Add(c => c.Runs, Runs)
            .Add(c => c.OnQueueChanged, () => reloads++));

        await table.Find("tbody tr:nth-child(2) [data-testid=raise-priority]").ClickAsync(new());
        await table.Find("tbody tr:nth-child(1) [data-testid=lower-priority]").ClickAsync(new());
        await table.Find("tbody tr:nth-child(3) [data-testid=cancel-run]").ClickAsync(new());
        Queue.Answer = RunQueueResult.Refused("Run 6 is completed: only a failed, cancelled or interrupted run can be retried.");
        await table.Find("tbody tr:nth-child(4) [data-testid=retry-run]").ClickAsync(new());

        Assert.Equal(["priority 8 4", "priority 9 -1", "cancel 7", "retry 6"], Queue.Actions);
        Assert.Equal(4, reloads);
        Assert.Contains("only a failed, cancelled or interrupted run can be retried", table.Find("[data-testid=queue-action-result]").TextContent, StringComparison.Ordinal);

        // The click stayed on the button: the row's own click (open the run) did not fire.
        Assert.EndsWith("/", Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
