using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regurgitate.Cli.Hosting;

namespace Regurgitate.Cli.Tests;

/// <summary>The command line, not the dashboard's appsettings.json, decides what reaches the console.</summary>
public sealed class WorkbenchHostLoggingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-logging-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(LogLevel.Warning, false, false)]
    [InlineData(LogLevel.Information, true, false)]
    public async Task The_commands_level_wins_over_the_dashboards_information_default(LogLevel commandLevel, bool workbenchInfo, bool frameworkInfo)
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), """
            { "Logging": { "LogLevel": { "Default": "Information", "Microsoft.EntityFrameworkCore": "Warning" } },
              "ConnectionStrings": { "Regurgitate": "Data Source=App_Data/regurgitate.db" } }
            """);

        using var host = WorkbenchHost.Build(dir, commandLevel);
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.Equal(workbenchInfo, loggers.CreateLogger("Regurgitate.Workbench.Scheduling.HeavyWorkScheduler").IsEnabled(LogLevel.Information));
        Assert.Equal(frameworkInfo, loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Regurgitate.Workbench.Execution.RunCoordinator").IsEnabled(LogLevel.Warning));
    }
}
