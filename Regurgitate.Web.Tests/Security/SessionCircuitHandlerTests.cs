using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Web.Security;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Sessions;

namespace Regurgitate.Web.Tests.Security;

/// <summary>
/// Issue 19: a circuit of a signed-out session is closed on the server even when its page ignores the redirect to the
/// login page: its inbound activity no longer reaches the app (dropped at first, then refused with the exception that
/// makes the framework close the circuit), and after the grace period its guard's closer is called.
/// </summary>
public sealed class SessionCircuitHandlerTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
    private readonly ClaimsPrincipal user = SessionClaims.NewSession("correct horse battery staple");

    public void Dispose() => database.Dispose();

    private string SessionId => SessionClaims.SessionId(user)!;

    private SessionRegistry NewRegistry() => new(new EndedSessionStore(database.Factory, clock), clock);

    [Fact]
    public async Task Signing_out_drops_then_refuses_the_circuits_activity_and_closes_the_circuit_after_the_grace_period()
    {
        await database.MigrateAsync();
        var sessions = NewRegistry();
        using var handler = new SessionCircuitHandler(new FixedUser(user), sessions, clock);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.SetCloser(() =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        });
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        var reached = 0;
        Task Activity()
        {
            reached++;
            return Task.CompletedTask;
        }

        await handler.Admit(Activity);
        Assert.Equal(1, reached);
        Assert.Equal(SessionId, handler.SessionId);

        await sessions.EndAsync(SessionId, CancellationToken.None);

        Assert.True(handler.HasEnded);
        await handler.Admit(Activity);
        Assert.Equal(1, reached);
        Assert.False(closed.Task.IsCompleted);

        clock.Advance(SessionCircuitHandler.Grace);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Synchronously: the framework catches it around the dispatch and closes the circuit.
        Assert.Throws<SessionEndedException>(() => { _ = handler.Admit(Activity); });
        Assert.Equal(1, reached);
    }

    [Fact]
    public async Task Another_sessions_sign_out_leaves_the_circuit_alone()
    {
        await database.MigrateAsync();
        var sessions = NewRegistry();
        using var handler = new SessionCircuitHandler(new FixedUser(user), sessions, clock);
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);

        await sessions.EndAsync("another session", CancellationToken.None);
        clock.Advance(SessionCircuitHandler.Grace);

        Assert.False(handler.HasEnded);
        var reached = false;
        await handler.Admit(() =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        Assert.True(reached);
    }

    [Fact]
    public async Task A_circuit_of_a_session_signed_out_before_a_restart_is_refused_from_the_start()
    {
        await database.MigrateAsync();
        await NewRegistry().EndAsync(SessionId, CancellationToken.None);

        using var handler = new SessionCircuitHandler(new FixedUser(user), NewRegistry(), clock);
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);

        Assert.True(handler.HasEnded);
        clock.Advance(SessionCircuitHandler.Grace);
        Assert.Throws<SessionEndedException>(() => { _ = handler.Admit(() => Task.CompletedTask); });
    }

    [Fact]
    public async Task A_circuit_without_a_session_is_refused()
    {
        await database.MigrateAsync();
        using var handler = new SessionCircuitHandler(new FixedUser(new ClaimsPrincipal(new ClaimsIdentity())), NewRegistry(), clock);

        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);

        Assert.True(handler.HasEnded);
    }

    [Fact]
    public async Task A_circuit_that_closed_by_itself_is_not_closed_again_when_its_session_ends()
    {
        await database.MigrateAsync();
        var sessions = NewRegistry();
        using var handler = new SessionCircuitHandler(new FixedUser(user), sessions, clock);
        var closeCalls = 0;
        handler.SetCloser(() =>
        {
            closeCalls++;
            return Task.CompletedTask;
        });
        await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await handler.OnCircuitClosedAsync(null!, CancellationToken.None);

        await sessions.EndAsync(SessionId, CancellationToken.None);
        clock.Advance(SessionCircuitHandler.Grace);

        Assert.False(handler.HasEnded);
        Assert.Equal(0, closeCalls);
    }

    private sealed class FixedUser(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
