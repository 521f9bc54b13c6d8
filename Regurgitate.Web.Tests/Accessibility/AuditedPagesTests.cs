using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>The audit's page list and the app's routes agree, so a page added to the app without an audit fails here.</summary>
public sealed class AuditedPagesTests
{
    private static IReadOnlyList<string> AppRoutes() =>
    [
        .. typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Every_page_route_of_the_app_is_audited_and_every_audited_route_exists()
    {
        var audited = AuditedPages.Blazor.Select(p => p.Route).Order(StringComparer.Ordinal).ToList();

        var routes = AppRoutes();

        Assert.True(routes.Count >= 10, $"Found only {routes.Count} routes; the reflection over the app's components is broken.");
        Assert.Equal(routes, audited);
    }
}
