using Regurgitate.Web.Components;

namespace Regurgitate.Web;

/// <summary>The web application's request pipeline.</summary>
public static class RegurgitateWebPipeline
{
    public static WebApplication UseRegurgitateWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
