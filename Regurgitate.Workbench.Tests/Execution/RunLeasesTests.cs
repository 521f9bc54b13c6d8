using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Execution;

/// <summary>
/// The claim, heartbeat and reclaim statements between two processes (two owners) on one SQLite file, on a fake clock:
/// at most one claims a run, a live lease is never reclaimed (not even by a process starting up), an expired one is,
/// and the stale owner can then write nothing.
/// </summary>
public sealed class RunLeasesTests : IDisposable
{
    private static readonly RunsOptions LeaseOptions = new() { HeartbeatInterval = TimeSpan.FromSeconds(2), LeaseDuration = TimeSpan.FromSeconds(30) };
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Two_processes_racing_for_a_queued_run_claim_it_once()
    {
        await database.MigrateAsync();
        var run = await new RunStore(database.Factory, clock).CreateRunAsync("race", new RunConfig(), CancellationToken.None);
        var contenders = Enumerable.Range(0, 8).Select(_ => Leases()).ToList();

        var claims = await Task.WhenAll(contenders.Select(l => Task.Run(() => l.TryClaimAsync(run.Id, CancellationToken.None))));

        Assert.Equal(1, claims.Count(c => c));
        var winner = contenders[Array.IndexOf(claims, true)];
        var row = await RowAsync(run.Id);
        Assert.Equal((RunStatus.Running, winner.Owner.Id, clock.GetUtcNow() + LeaseOptions.LeaseDuration), (row.Status, row.OwnerId, row.LeaseExpiresAt));
    }

    [Fact]
    public async Task A_live_lease_is_never_reclaimed_and_an_expired_one_is_queued_again_and_the_stale_owner_can_write_nothing()
    {
        await database.MigrateAsync();
        var store = new RunStore(database.Factory, clock);
        var run = await store.CreateRunAsync("lease", new RunConfig(), CancellationToken.None);
        var dashboard = Leases();
        var cli = Leases();
        Assert.True(await dashboard.TryClaimAsync(run.Id, CancellationToken.None));

        // 20 s in, the owner's heartbeat extends the lease to 50 s; a process starting at 45 s leaves the run alone.
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(LeaseRenewal.Held, await dashboard.RenewAsync(run.Id, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(25));
        await new DatabaseInitializer(database.Factory, Options.Create(LeaseOptions), TestArtifactFolders.Migrator(database.Factory, database.Folder), Options.Create(new Regurgitate.Workbench.Dispatch.DispatchOptions()), clock, NullLogger<DatabaseInitializer>.Instance).StartAsync(CancellationToken.None);
        Assert.Equal(0, await cli.ReclaimExpiredAsync(CancellationToken.None));
        Assert.False(await cli.TryClaimAsync(run.Id, CancellationToken.None));
        Assert.Equal((RunStatus.Running, dashboard.Owner.Id), ((await RowAsync(run.Id)).Status, (await RowAsync(run.Id)).OwnerId));

        // The owner hangs past its lease: another process queues the run again to resume, and claims it.
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await cli.ReclaimExpiredAsync(CancellationToken.None));
        var reclaimed = await RowAsync(run.Id);
        Assert.Equal((RunStatus.Queued, null, null, DatabaseInitializer.ResumingMessage), (reclaimed.Status, reclaimed.OwnerId, reclaimed.LeaseExpiresAt, reclaimed.Message));
        Assert.True(await cli.TryClaimAsync(run.Id, CancellationToken.None));

        // The old owner wakes up: its heartbeat reports the loss, and neither its progress nor its curve rewind lands.
        Assert.Equal(LeaseRenewal.Lost, await dashboard.RenewAsync(run.Id, CancellationToken.None));
        var stale = RunStore.ToSnapshot(run) with { Status = RunStatus.Cancelled, Step = 99 };
        Assert.False(await store.SaveOwnedProgressAsync(stale, [new MetricSample(99, MetricNames.TrainLoss, 1, clock.GetUtcNow())], dashboard.Owner, release: true, CancellationToken.None));
        var current = await RowAsync(run.Id);
        Assert.Equal((RunStatus.Running, cli.Owner.Id, 0), (current.Status, current.OwnerId, current.LastStep));
        await using var context = await database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await context.MetricPoints.CountAsync());
    }

    [Fact]
    public async Task A_cancel_request_reaches_the_owner_through_its_heartbeat_and_the_last_write_releases_the_run()
    {
        await database.MigrateAsync();
        var store = new RunStore(database.Factory, clock);
        var run = await store.CreateRunAsync("cancel", new RunConfig(), CancellationToken.None);
        var owner = Leases();
        Assert.False(await Leases().RequestCancelAsync(run.Id, CancellationToken.None));
        Assert.True(await owner.TryClaimAsync(run.Id, CancellationToken.None));

        Assert.True(await Leases().RequestCancelAsync(run.Id, CancellationToken.None));
        Assert.Equal(LeaseRenewal.CancelRequested, await owner.RenewAsync(run.Id, CancellationToken.None));

        Assert.True(await store.SaveOwnedProgressAsync(RunStore.ToSnapshot(run) with { Status = RunStatus.Cancelled }, [], owner.Owner, release: true, CancellationToken.None));
        var row = await RowAsync(run.Id);
        Assert.Equal((RunStatus.Cancelled, null, null, false), (row.Status, row.OwnerId, row.LeaseExpiresAt, row.CancelRequested));
    }

    [Fact]
    public void A_lease_shorter_than_three_heartbeats_is_refused_naming_the_key()
    {
        var result = new RunsOptionsValidator().Validate(null, new RunsOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), LeaseDuration = TimeSpan.FromSeconds(10) });

        Assert.True(result.Failed);
        Assert.Contains("Regurgitate:Runs:LeaseDuration must be at least three HeartbeatIntervals (00:00:15)", result.FailureMessage, StringComparison.Ordinal);
    }

    private RunLeases Leases() => new(database.Factory, Options.Create(LeaseOptions), RunOwner.ForThisProcess(clock), clock);

    private async Task<Run> RowAsync(int runId)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        return await context.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
    }
}
