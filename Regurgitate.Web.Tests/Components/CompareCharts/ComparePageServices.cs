using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Components.Prerendering;
using Regurgitate.Web.Tests.Components.Compare;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>The services the comparison charts page injects, for the tests that render it.</summary>
internal static class ComparePageServices
{
    /// <summary>
    /// Registers <paramref name="series"/>, a comparison service, logging, the prerender handoff (created by the
    /// container, so the context disposes it) and persisted component state, which it returns.
    /// </summary>
    public static BunitPersistentComponentState AddComparePage(this BunitContext context, IMetricSeriesService series)
    {
        context.Services.AddSingleton(series);
        context.Services.AddSingleton<IRunComparisonService>(new FakeComparisonService());
        context.Services.AddLogging();
        context.Services.AddSingleton<PrerenderHandoff>();
        return context.AddBunitPersistentComponentState();
    }
}
