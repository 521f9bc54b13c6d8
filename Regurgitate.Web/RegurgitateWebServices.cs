using MudBlazor.Services;
using Regurgitate.Web.Components.Prerendering;
using Regurgitate.Web.Features.Datasets;
using Regurgitate.Web.Security;
using Regurgitate.Workbench;

namespace Regurgitate.Web;

/// <summary>The web application's composition root.</summary>
public static class RegurgitateWebServices
{
    public static WebApplicationBuilder AddRegurgitateWebServices(this WebApplicationBuilder builder)
    {
        builder.AddRegurgitateSecurity();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<IDatasetSamples, DatasetSamples>();
        services.AddSingleton<PrerenderHandoff>();
        services.AddRegurgitateWorkbench(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }
}
