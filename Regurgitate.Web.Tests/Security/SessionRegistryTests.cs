using Microsoft.Extensions.Time.Testing;
using Regurgitate.Web.Security;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Sessions;

namespace Regurgitate.Web.Tests.Security;

/// <summary>Two apps on one database: how soon each learns of the other's sign-outs, and what that costs per request.</summary>
public sealed class SessionRegistryTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    private SessionRegistry NewApp() => new(new EndedSessionStore(database.Factory, clock), clock);

    [Fact]
    public async Task A_sign_out_here_is_refused_at_once_and_one_in_another_process_after_the_recheck()
    {
        await database.MigrateAsync();
        var here = NewApp();
        var elsewhere = NewApp();
        Assert.False(await here.HasEndedAsync("shared", CancellationToken.None));
        Assert.False(await here.HasEndedAsync("local", CancellationToken.None));

        await elsewhere.EndAsync("shared", CancellationToken.None);
        await here.EndAsync("local", CancellationToken.None);

        Assert.True(await here.HasEndedAsync("local", CancellationToken.None));

        // Within the recheck the live answer stands: a page's many requests cost one query, not one each.
        Assert.False(await here.HasEndedAsync("shared", CancellationToken.None));
        clock.Advance(SessionRegistry.Recheck);
        Assert.True(await here.HasEndedAsync("shared", CancellationToken.None));
        Assert.True(await NewApp().HasEndedAsync("shared", CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_believed_live_stay_bounded_under_many_clients()
    {
        await database.MigrateAsync();
        var registry = NewApp();

        for (var i = 0; i < SessionRegistry.MaxLiveEntries * 2; i++)
        {
            Assert.False(await registry.HasEndedAsync($"client-{i}", CancellationToken.None));
            if (i % 100 == 0)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.InRange(registry.LiveEntries, 1, SessionRegistry.MaxLiveEntries);
    }
}
