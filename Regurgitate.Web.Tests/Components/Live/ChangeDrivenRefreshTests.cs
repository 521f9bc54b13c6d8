using Microsoft.Extensions.Time.Testing;
using Regurgitate.Web.Components.Live;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Live;

public sealed class ChangeDrivenRefreshTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);
    private readonly ManualDatabaseChanges changes = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private int reads;

    private Task Read(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        return Task.CompletedTask;
    }

    private static void Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void Nothing_is_read_without_a_change_and_a_change_is_read_at_once()
    {
        using var refresh = new ChangeDrivenRefresh(changes, Read, Spacing, clock);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, Volatile.Read(ref reads));

        changes.Commit();

        Eventually(() => Volatile.Read(ref reads) == 1);
    }

    [Fact]
    public void A_burst_of_changes_costs_one_more_read_after_the_spacing_not_one_per_change()
    {
        using var refresh = new ChangeDrivenRefresh(changes, Read, Spacing, clock);
        changes.Commit();
        Eventually(() => Volatile.Read(ref reads) == 1);

        for (var i = 0; i < 50; i++)
        {
            changes.Commit();
        }

        Thread.Sleep(50);
        Assert.Equal(1, Volatile.Read(ref reads));
        clock.Advance(Spacing);
        Eventually(() => Volatile.Read(ref reads) == 2);

        // Nothing changed during that read: the next spacing passes without one.
        clock.Advance(Spacing);
        Thread.Sleep(50);
        Assert.Equal(2, Volatile.Read(ref reads));

        changes.Commit();
        Eventually(() => Volatile.Read(ref reads) == 3);
    }

    [Fact]
    public void A_failed_read_does_not_leave_the_page_deaf_to_the_next_change()
    {
        var attempts = 0;
        using var refresh = new ChangeDrivenRefresh(
            changes,
            _ => Interlocked.Increment(ref attempts) == 1 ? Task.FromException(new InvalidOperationException("database gone")) : Task.CompletedTask,
            Spacing,
            clock);

        changes.Commit();
        Eventually(() => Volatile.Read(ref attempts) == 1);
        changes.Commit();

        Eventually(() => Volatile.Read(ref attempts) == 2);
    }

    [Fact]
    public void After_dispose_changes_are_not_read()
    {
        var refresh = new ChangeDrivenRefresh(changes, Read, Spacing, clock);
        refresh.Dispose();

        changes.Commit();
        refresh.Changed();

        Thread.Sleep(50);
        Assert.Equal(0, Volatile.Read(ref reads));
        Assert.Equal(0, changes.Subscribers);
    }
}
