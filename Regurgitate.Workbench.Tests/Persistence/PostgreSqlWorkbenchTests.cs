using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Persistence;

/// <summary>
/// The workbench on a real PostgreSQL server, chosen by <c>Regurgitate:Database:Provider</c>: migrated at start, a toy
/// experiment trained to completion with every step recorded once, and a bad PostgreSQL connection string refused at
/// start-up by key. (<c>.ci/run</c> also runs the whole Workbench suite on PostgreSQL.)
/// </summary>
public sealed class PostgreSqlWorkbenchTests : IDisposable
{
    private readonly ToyWorkbenchHost workbench = new(postgreSql: true);

    public void Dispose() => workbench.Dispose();

    [Fact]
    public async Task A_toy_experiment_runs_to_completion_on_postgresql_with_every_step_recorded_once()
    {
        using var host = workbench.Build();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var spec = ToyExperimentSpecs.RealVsLow("on postgresql", ToyWorkbenchHost.Quick) with { Sizes = [40], Seeds = [1] };
        var id = await service.CreateAsync(spec, CancellationToken.None);

        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);

        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        Assert.IsType<PostgreSqlDbContext>(context);
        Assert.True(context.Database.IsNpgsql());
        var runs = await context.Runs.Where(r => r.ExperimentId == id).ToListAsync();
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.All(runs.Where(r => r.Role == RunRole.Grid), r => Assert.NotNull(r.TestBleu));
        var duplicates = await context.MetricPoints
            .GroupBy(p => new { p.RunId, p.Name, p.Step })
            .Where(g => g.Count() > 1)
            .CountAsync();
        Assert.Equal(0, duplicates);
        Assert.True(await context.MetricPoints.CountAsync(p => p.Name == Regurgitate.Workbench.Execution.MetricNames.TrainLoss) > 0);
        await host.StopAsync();
    }

    [Fact]
    public void A_postgresql_connection_string_without_a_host_or_database_is_refused_by_key()
    {
        var validator = new DatabaseOptionsValidator();

        var noHost = validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Database=regurgitate;Password=secret-value" });
        var noDatabase = validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=db.example" });
        var missing = validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, BusyTimeout = TimeSpan.Zero });

        Assert.Equal([$"{DatabaseOptions.ConfigurationKey} has no 'Host' (the PostgreSQL server)."], noHost.Failures);
        Assert.DoesNotContain("secret-value", noHost.FailureMessage, StringComparison.Ordinal);
        Assert.Equal([$"{DatabaseOptions.ConfigurationKey} has no 'Database'."], noDatabase.Failures);
        Assert.Equal(2, missing.Failures!.Count());
        Assert.Contains(missing.Failures!, f => f.StartsWith("Regurgitate:Database:BusyTimeout", StringComparison.Ordinal));
        Assert.Contains(missing.Failures!, f => f.StartsWith($"{DatabaseOptions.ConfigurationKey} is missing: give a PostgreSQL", StringComparison.Ordinal));
    }
}
