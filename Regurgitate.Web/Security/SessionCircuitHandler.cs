using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Regurgitate.Web.Security;

/// <summary>
/// Ties one circuit to its login session and closes the circuit on the server when the session is signed out, whatever
/// the page in the browser does. From the sign-out on nothing the browser sends reaches the app: for <see cref="Grace"/>
/// it is dropped quietly (a well-behaved page is on its way to the login page and should not flash an error), after
/// that it is refused with <see cref="SessionEndedException"/>, which makes the framework close the circuit. A circuit
/// still open after <see cref="Grace"/> (a page that ignored the redirect and sends nothing) is closed through the
/// closer its session guard registered (<see cref="SetCloser"/>). Scoped: one per circuit.
/// </summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider authentication, SessionRegistry sessions, TimeProvider time) : CircuitHandler, IDisposable
{
    /// <summary>How long a signed-out circuit may take to leave by itself before the server closes it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource closing = new();
    private readonly Lock gate = new();
    private string? sessionId;
    private DateTimeOffset? endedAt;
    private Func<Task>? closer;
    private bool closed;

    /// <summary>The circuit's login session (null until the circuit opened, or for a user without one).</summary>
    public string? SessionId
    {
        get
        {
            lock (gate)
            {
                return sessionId;
            }
        }
    }

    /// <summary>True once the circuit's session was signed out.</summary>
    public bool HasEnded
    {
        get
        {
            lock (gate)
            {
                return endedAt is not null;
            }
        }
    }

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var session = SessionClaims.SessionId(user);
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            sessionId = session;
            sessions.Ended += OnEnded;
        }

        // The connection's cookie was checked, but the session may have ended since, and a user without a session id
        // is not a login of this app at all.
        if (session is null || await sessions.HasEndedAsync(session, cancellationToken))
        {
            End();
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Close();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => Admit(() => next(context));

    /// <summary>
    /// Runs one piece of inbound activity (an event, a JS interop result, a render acknowledgement) unless the session
    /// ended. Throws synchronously on purpose: the framework treats that as a fatal error of the circuit and closes it.
    /// </summary>
    internal Task Admit(Func<Task> activity)
    {
        DateTimeOffset? ended;
        lock (gate)
        {
            ended = endedAt;
        }

        if (ended is null)
        {
            return activity();
        }

        if (time.GetUtcNow() - ended.Value < Grace)
        {
            return Task.CompletedTask;
        }

        throw new SessionEndedException();
    }

    /// <summary>
    /// How the server closes this circuit: the session guard raises <see cref="SessionEndedException"/> in the renderer
    /// (a circuit handler cannot reach the renderer itself).
    /// </summary>
    internal void SetCloser(Func<Task> close)
    {
        lock (gate)
        {
            closer = close;
        }
    }

    /// <summary>Forgets <paramref name="close"/> unless another guard of the circuit has registered its own since.</summary>
    internal void ClearCloser(Func<Task> close)
    {
        lock (gate)
        {
            if (closer == close)
            {
                closer = null;
            }
        }
    }

    public void Dispose()
    {
        Close();
        closing.Dispose();
    }

    private void OnEnded(string ended)
    {
        if (string.Equals(ended, SessionId, StringComparison.Ordinal))
        {
            End();
        }
    }

    private void End()
    {
        CancellationToken cancellation;
        lock (gate)
        {
            if (endedAt is not null || closed)
            {
                return;
            }

            endedAt = time.GetUtcNow();
            cancellation = closing.Token;
        }

        _ = CloseAfterGraceAsync(cancellation);
    }

    private async Task CloseAfterGraceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Grace, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Func<Task>? close;
        lock (gate)
        {
            close = closed ? null : closer;
        }

        if (close is null)
        {
            return;
        }

        try
        {
            await close();
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed by itself meanwhile.
        }
    }

    private void Close()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
        }

        sessions.Ended -= OnEnded;
        closing.Cancel();
    }
}
