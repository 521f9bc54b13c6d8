using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>A bUnit context with MudBlazor's services and a JS runtime that accepts any call and records it.</summary>
public abstract class DashboardTestContext : IAsyncLifetime
{
    static DashboardTestContext()
    {
        // bUnit's synchronous waits each hold a thread-pool thread while its renderer needs another to run the check;
        // with the suite's tests in parallel on two cores the pool's slow growth left a check unrun for a whole second
        // (a CI failure: "the wait condition was never checked"), as bUnit's own message explains.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 4), completionPorts);
    }

    protected BunitContext Context { get; } = new();

    /// <summary>The queue control the runs list talks to; records each action.</summary>
    protected RecordingRunQueue Queue { get; } = new();

    /// <summary>What pages watching the database are told; <see cref="ManualDatabaseChanges.Commit"/> announces a change.</summary>
    protected ManualDatabaseChanges Changes { get; } = new();

    public Task InitializeAsync()
    {
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddSingleton<Regurgitate.Workbench.Execution.IRunQueue>(Queue);
        Context.Services.AddSingleton<Regurgitate.Workbench.Persistence.IDatabaseChanges>(Changes);
        // The real clock unless a test registered its own (MudBlazor's debouncing reads it too).
        Context.Services.TryAddSingleton(TimeProvider.System);
        // The engine's corpora and published systems, and no stored datasets, unless a test registered its own.
        Context.Services.TryAddSingleton<Regurgitate.Workbench.Datasets.IDatasetCatalog>(new ListedDatasetCatalog());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Renders components as the circuit does (or as the prerendered first response does, when not
    /// <paramref name="interactive"/>), for components that read <c>RendererInfo</c>. bUnit builds its renderer, and so
    /// stops taking services, on this call: register a test's services first.
    /// </summary>
    protected void RenderAs(bool interactive = true) =>
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo(interactive ? "Server" : "Static", interactive));

    /// <summary>The recorded JS calls whose name ends so, e.g. Plotly.Blazor's "newPlot" or "react".</summary>
    protected IEnumerable<JSRuntimeInvocation> Calls(string identifierSuffix) =>
        Context.JSInterop.Invocations.Where(i => i.Identifier.EndsWith(identifierSuffix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The traces of a recorded newPlot call as they reach Plotly (serialised).</summary>
    protected static System.Text.Json.JsonDocument TracesOf(JSRuntimeInvocation newPlot) =>
        System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(newPlot.Arguments[1]));

    // MudBlazor's popover service is only async-disposable.
    public async Task DisposeAsync() => await Context.DisposeAsync();
}
