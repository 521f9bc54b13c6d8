using System.CommandLine;

namespace Regurgitate.Cli.Hosting;

/// <summary>
/// <c>--content-root</c>, the dashboard's folder every command that opens the workbench accepts; resolved by
/// <see cref="WorkbenchHost"/> when it is not given.
/// </summary>
public static class ContentRootOption
{
    public static Option<string?> Create() =>
        new("--content-root") { Description = $"The dashboard's folder: its appsettings.json, database, runs and datasets (default: Regurgitate.Web found above the current directory, or ${WorkbenchHost.ContentRootVariable})." };
}
