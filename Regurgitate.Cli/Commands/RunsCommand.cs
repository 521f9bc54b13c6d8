using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regurgitate.Cli.Hosting;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate runs list|cancel ID|retry ID|priority ID N</c>: controls the dashboard's run queue from a terminal.
/// The workbench is built but not started, so this process never takes up queued runs itself: it changes the
/// database (to stop a running run, it sets the run's cancel request, which the owning process's lease heartbeat
/// reads) and the dashboard's coordinator acts on it within its poll or heartbeat interval. Exit codes: 0 done, 1 refused (e.g. the run is not queued), 2 bad input.
/// </summary>
public static class RunsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var contentRoot = ContentRootOption.Create();
        var command = new Command("runs", "List and control the run queue (cancel, retry, re-prioritise).");

        var list = new Command("list", "Running and queued runs, in queue order.");
        list.Options.Add(contentRoot);
        list.SetAction(async (parse, cancellationToken) =>
            await WithQueueAsync(parse.GetValue(contentRoot), error, async queue => await ListAsync(queue, output, cancellationToken), cancellationToken));

        var cancelId = RunIdArgument();
        var cancel = new Command("cancel", "Cancel a queued run, or stop a running one (it keeps what it recorded).");
        cancel.Arguments.Add(cancelId);
        cancel.Options.Add(contentRoot);
        cancel.SetAction(async (parse, cancellationToken) =>
            await WithQueueAsync(parse.GetValue(contentRoot), error, async queue => await ReportAsync(await queue.CancelAsync(parse.GetValue(cancelId), cancellationToken), output, error), cancellationToken));

        var retryId = RunIdArgument();
        var retry = new Command("retry", "Queue a failed, cancelled or interrupted run again; it continues from its last complete checkpoint.");
        retry.Arguments.Add(retryId);
        retry.Options.Add(contentRoot);
        retry.SetAction(async (parse, cancellationToken) =>
            await WithQueueAsync(parse.GetValue(contentRoot), error, async queue => await ReportAsync(await queue.RetryAsync(parse.GetValue(retryId), cancellationToken), output, error), cancellationToken));

        var priorityId = RunIdArgument();
        var priorityValue = new Argument<int>("priority") { Description = "New priority: higher starts first, 0 is normal, negative waits behind." };
        var priority = new Command("priority", "Set the priority of a queued run.");
        priority.Arguments.Add(priorityId);
        priority.Arguments.Add(priorityValue);
        priority.Options.Add(contentRoot);
        priority.SetAction(async (parse, cancellationToken) =>
            await WithQueueAsync(parse.GetValue(contentRoot), error, async queue => await ReportAsync(await queue.SetPriorityAsync(parse.GetValue(priorityId), parse.GetValue(priorityValue), cancellationToken), output, error), cancellationToken));

        command.Subcommands.Add(list);
        command.Subcommands.Add(cancel);
        command.Subcommands.Add(retry);
        command.Subcommands.Add(priority);
        return command;
    }

    private static Argument<int> RunIdArgument() => new("id") { Description = "The run's id (as on the Runs page)." };

    private static async Task<int> WithQueueAsync(string? contentRootOption, TextWriter error, Func<IRunQueue, Task<int>> action, CancellationToken cancellationToken)
    {
        string contentRoot;
        try
        {
            contentRoot = WorkbenchHost.ResolveContentRoot(contentRootOption);
        }
        catch (DirectoryNotFoundException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        // Not started: starting would settle "unfinished" runs and take up the queue, which belong to the dashboard.
        using var host = WorkbenchHost.Build(contentRoot, LogLevel.Warning);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);

        return await action(host.Services.GetRequiredService<IRunQueue>());
    }

    private static async Task<int> ListAsync(IRunQueue queue, TextWriter output, CancellationToken cancellationToken)
    {
        var entries = await queue.ListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            await output.WriteLineAsync("No run is queued or running.");
            return 0;
        }

        await output.WriteLineAsync($"{"ID",6}  {"STATUS",-8}  {"POS",3}  {"PRIO",4}  {"RETRY",5}  {"STEP",27}  EXPERIMENT");
        foreach (var e in entries)
        {
            var position = e.QueuePosition?.ToString(CultureInfo.InvariantCulture) ?? "-";
            var step = StepProgress.Describe(e.LastStep, e.PlannedSteps);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{e.RunId,6}  {e.Status,-8}  {position,3}  {e.Priority,4}  {e.Attempt,5}  {step,27}  {e.ExperimentName}"));
        }

        return 0;
    }

    private static async Task<int> ReportAsync(RunQueueResult result, TextWriter output, TextWriter error)
    {
        await (result.Succeeded ? output : error).WriteLineAsync(result.Message);
        return result.Succeeded ? 0 : 1;
    }
}
