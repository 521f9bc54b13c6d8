using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Features.RunView;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Components;

/// <summary>
/// A run that resumed from a checkpoint: the page says so as information, and its charts start at step 1, not at the
/// resume step (the live history holds only the current attempt's points; the earlier ones are in the database).
/// </summary>
public sealed class ResumedRunPageTests : DashboardTestContext
{
    private const int RunId = 9;
    private const int ResumedAt = 100;

    private static readonly RunSnapshot Resumed = new()
    {
        RunId = RunId, Status = RunStatus.Running, Message = DatabaseInitializer.ResumingMessage, Step = ResumedAt + 10, MaxSteps = 300,
    };

    [Fact]
    public void The_resume_notice_is_information_not_an_error()
    {
        var header = Context.Render<RunHeader>(p => p
            .Add(c => c.Details, new RunDetails(RunId, "toy", "{}", "multi30k", DateTimeOffset.UnixEpoch, Resumed))
            .Add(c => c.Snapshot, Resumed));

        var notice = header.Find("[data-testid=run-message]");
        Assert.Contains("mud-alert-text-info", notice.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("error", notice.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loss_chart_of_a_live_resumed_run_starts_at_the_first_stored_step()
    {
        var stored = Losses(1, ResumedAt);
        var live = Losses(ResumedAt + 1, ResumedAt + 10);
        Context.Services.AddSingleton<IRunQueries>(new StoredRun(Resumed, stored));
        Context.Services.AddSingleton<IRunMonitor>(new LiveRun(Resumed, live));
        Context.Services.AddSingleton<IRunLauncher>(new RecordingRunLauncher());

        var page = Context.Render<RunPage>(p => p.Add(c => c.Id, RunId));

        var loss = page.FindComponents<MetricChart>().First(c => c.Instance.TestId == "loss-chart").Instance;
        Assert.Equal(Enumerable.Range(1, ResumedAt + 10), loss.InitialPoints.Where(p => p.Name == MetricNames.TrainLoss).Select(p => p.Step));
    }

    private static List<MetricSample> Losses(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(step => new MetricSample(step, MetricNames.TrainLoss, 10.0 / step, DateTimeOffset.UnixEpoch.AddSeconds(step)))];

    private sealed class StoredRun(RunSnapshot snapshot, IReadOnlyList<MetricSample> points) : IRunQueries
    {
        public Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RunSummary>>([]);

        public Task<RunDetails?> GetRunAsync(int runId, CancellationToken cancellationToken) =>
            Task.FromResult<RunDetails?>(new RunDetails(runId, "toy", "{}", "multi30k", DateTimeOffset.UnixEpoch, snapshot));

        public Task<IReadOnlyList<MetricSample>> GetMetricsAsync(int runId, CancellationToken cancellationToken) => Task.FromResult(points);
    }

    private sealed class LiveRun(RunSnapshot snapshot, IReadOnlyList<MetricSample> history) : IRunMonitor
    {
        public RunObservation? Observe(int runId, Action<RunUpdate> onUpdate) => new(snapshot, history, new Unsubscribed());

        private sealed class Unsubscribed : IDisposable
        {
            public void Dispose()
            {
                // Nothing to stop: the test publishes no updates.
            }
        }
    }
}
