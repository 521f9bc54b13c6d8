using System.Text.Json;

namespace Regurgitate.Web.Tests.Hosting;

/// <summary>
/// The dashboard runs with workstation garbage collection: it trains in its own process, and server GC's collections
/// (on normal-priority GC threads) paused training longer while pages ran heavy analyses (the heavy-load benchmark).
/// </summary>
public sealed class GarbageCollectionModeTests
{
    [Fact]
    public void The_dashboard_is_built_for_workstation_garbage_collection()
    {
        // The build copies the app's runtime configuration beside the tests; it is what `dotnet run` starts with.
        var path = Path.Combine(AppContext.BaseDirectory, "Regurgitate.Web.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.GC.Server", out var server), $"{path} does not set System.GC.Server");
        Assert.False(server.GetBoolean());
    }
}
