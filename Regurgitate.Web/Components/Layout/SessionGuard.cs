using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Regurgitate.Web.Security;

namespace Regurgitate.Web.Components.Layout;

/// <summary>
/// Ends this circuit's page when its login session is signed out (from this or another tab): the browser is sent to the
/// login page with a full load, which drops the circuit, and the server refuses the ended cookie from then on. For a
/// page that ignores the redirect, the guard lends the circuit's <see cref="SessionCircuitHandler"/> a way to close the
/// circuit: an exception raised in the renderer, which the framework treats as fatal (there is no error boundary above
/// the layout). Renders nothing; used only when a password is configured.
/// </summary>
public sealed class SessionGuard : ComponentBase, IDisposable
{
    private string? sessionId;
    private Func<Task>? closer;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private SessionRegistry Sessions { get; set; } = default!;

    [Inject]
    private SessionCircuitHandler Circuit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null)
        {
            return;
        }

        closer = CloseCircuitAsync;
        Circuit.SetCloser(closer);
        sessionId = SessionClaims.SessionId((await AuthenticationState).User);
        if (sessionId is null || await Sessions.HasEndedAsync(sessionId, CancellationToken.None))
        {
            Navigation.NavigateTo(LoginEndpoints.LoginPath, forceLoad: true);
            return;
        }

        Sessions.Ended += OnEnded;
    }

    public void Dispose()
    {
        Sessions.Ended -= OnEnded;
        if (closer is not null)
        {
            Circuit.ClearCloser(closer);
        }
    }

    private void OnEnded(string ended)
    {
        if (string.Equals(ended, sessionId, StringComparison.Ordinal))
        {
            _ = InvokeAsync(() => Navigation.NavigateTo(LoginEndpoints.LoginPath, forceLoad: true));
        }
    }

    private Task CloseCircuitAsync() => InvokeAsync(() => DispatchExceptionAsync(new SessionEndedException()));
}
