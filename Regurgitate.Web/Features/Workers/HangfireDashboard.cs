using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using Regurgitate.Web.Security;
using Regurgitate.Workbench.Dispatch;

namespace Regurgitate.Web.Features.Workers;

/// <summary>
/// Hangfire's own dashboard for operators, at <see cref="Path"/>, only in Workers mode and behind the app's own
/// authentication: with remote serving on, the endpoint requires a signed-in user as every page does; without it the app
/// listens on loopback only, so whoever reaches it is on this machine.
/// </summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static WebApplication MapHangfireDashboardInWorkersMode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<DispatchOptions>>().Value.Mode != DispatchMode.Workers)
        {
            return app;
        }

        var allowRemote = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowRemote;
        var endpoint = app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AppAuthorization(allowRemote)],
            DashboardTitle = "Regurgitate · job engine",
            AppPath = "/workers",
        });
        if (allowRemote)
        {
            endpoint.RequireAuthorization();
        }

        return app;
    }

    /// <summary>Replaces Hangfire's local-requests-only default, which is wrong behind a reverse proxy, by the app's rule.</summary>
    private sealed class AppAuthorization(bool allowRemote) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            !allowRemote || context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}
