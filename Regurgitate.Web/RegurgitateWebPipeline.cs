using Microsoft.Extensions.Options;
using Regurgitate.Web.Components;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Features.Workers;
using Regurgitate.Web.Security;

namespace Regurgitate.Web;

/// <summary>The web application's request pipeline.</summary>
public static class RegurgitateWebPipeline
{
    public static WebApplication UseRegurgitateWeb(this WebApplication app)
    {
        app.UseRegurgitateTransportSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseRegurgitateSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowRemote)
        {
            app.MapLoginEndpoints();
        }

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapExperimentArchiveEndpoints();
        app.MapHangfireDashboardInWorkersMode();
        return app;
    }
}
