using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// The whole experiment pipeline for real, at toy scale: a local generator is trained and translates the experiment's
/// sources, a shared tokenizer is learned, the grid runs through the real coordinator and engine into SQLite, and
/// running the spec again resumes instead of repeating anything.
/// </summary>
public sealed class ExperimentServiceTests : IDisposable
{
    private static readonly TrainingConfig Quick = ToyWorkbenchHost.Quick;

    private readonly ToyWorkbenchHost workbench = new();

    private static ExperimentSpec Spec => ToyExperimentSpecs.RealVsLow("toy real vs low", Quick);

    private IHost BuildHost() => workbench.Build();

    public void Dispose() => workbench.Dispose();

    [Fact]
    public async Task A_spec_runs_its_generator_and_grid_into_the_database_and_resumes_without_repeating_work()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec, CancellationToken.None);
        var phases = new List<ExperimentProgress>();

        var report = await service.RunToCompletionAsync(id, new Progress<ExperimentProgress>(phases.Add), CancellationToken.None);

        var detail = (await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None))!;
        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        Assert.True(
            report.Runs.Count == 1 && report.Runs.GetValueOrDefault(RunStatus.Completed) == 8,
            string.Join("; ", (await MessagesAsync(host, id)).Distinct()));
        var generator = Assert.Single(detail.Runs, r => r.Role == RunRole.Generator);
        Assert.Equal("low", generator.Condition);
        Assert.Equal(RunStatus.Completed, generator.Status);
        var grid = detail.Runs.Where(r => r.Role == RunRole.Grid).ToList();
        Assert.Equal(["low", "real"], grid.Select(r => r.Condition).Distinct().Order());
        Assert.All(grid, r => Assert.NotNull(r.TestBleu));
        Assert.Equal(2, LearningCurve.From(detail.Runs).Count);

        // The generator's translations are a stored dataset of the experiment's sources, never of its own training sources.
        var plan = ExperimentGrid.Expand(Spec);
        var repository = host.Services.GetRequiredService<SyntheticDatasetRepository>();
        var translations = await repository.LoadAsync(plan.Generators[0].DatasetId, CancellationToken.None);
        var reserved = await repository.LoadAsync(plan.ReservedRealDatasetId!, CancellationToken.None);
        Assert.Equal(160, translations.Targets.Count); // twice the largest size (the default pool factor), so seeds draw different sets
        Assert.Equal(60, reserved.Targets.Count);
        Assert.DoesNotContain(translations.Targets, t => reserved.Covers(t.Source));
        Assert.Equal(GeneratorKind.Local, translations.Generator.Kind);

        // Every grid run used the experiment's shared tokenizer.
        var configs = await ConfigsAsync(host, id);
        Assert.All(configs.Where(c => c.Role == RunRole.Grid), c => Assert.EndsWith(Path.Combine(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "tokenizer"), c.Config.TokenizerDirectory));

        // Again: nothing new is trained or generated.
        var again = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.Equal(ExperimentStatus.Finished, again.Status);
        Assert.Equal(9, (await ConfigsAsync(host, id)).Count);

        // A third seed grows the experiment in place: only its 4 runs are trained; the generator and the 8 runs stay.
        var before = await RunRowsAsync(host, id);
        Assert.Equal(4, await service.AddSeedsAsync(id, [3, 1], CancellationToken.None));
        var grown = (await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None))!;
        Assert.Equal(ExperimentStatus.Stopped, grown.Status);
        Assert.Contains("Seed(s) 3 added", grown.StatusMessage);
        var third = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.Equal(ExperimentStatus.Finished, third.Status);
        Assert.Equal(12, third.Runs.GetValueOrDefault(RunStatus.Completed));
        var after = await RunRowsAsync(host, id);
        Assert.Equal(13, after.Count);
        Assert.All(before, run => Assert.Contains(run, after));
        Assert.Equal([3], after.Except(before).Select(r => r.Seed).Distinct());
        await host.StopAsync();
    }

    [Fact]
    public async Task Adding_seeds_refuses_an_unknown_experiment_and_seeds_it_has_and_stores_nothing()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec, CancellationToken.None);

        var known = await Assert.ThrowsAsync<ExperimentSpecException>(() => service.AddSeedsAsync(id, [2, 1], CancellationToken.None));
        Assert.Equal("seeds", Assert.Single(known.Errors).Field);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.AddSeedsAsync(id + 1, [3], CancellationToken.None));
        var tooMany = await Assert.ThrowsAsync<ExperimentSpecException>(() => service.AddSeedsAsync(id, [.. Enumerable.Range(3, 2_000)], CancellationToken.None));
        Assert.Contains(tooMany.Errors, e => e.Message.Contains("runs", StringComparison.Ordinal));

        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var stored = await context.Experiments.SingleAsync();
        Assert.Equal(ExperimentSpecJson.Serialize(Spec), stored.SpecJson);
        Assert.Equal(ExperimentStatus.Draft, stored.Status);
        await host.StopAsync();
    }

    // Each grid or generator run as a comparable row: what would change if it were trained again.
    private static async Task<List<(int Id, RunRole Role, string? Condition, int Seed, DateTimeOffset? FinishedAt)>> RunRowsAsync(IHost host, int experimentId)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var rows = await context.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).Select(r => new { r.Id, r.Role, r.Condition, r.Seed, r.FinishedAt }).ToListAsync();
        return [.. rows.Select(r => (r.Id, r.Role, r.Condition, r.Seed, r.FinishedAt))];
    }

    [Fact]
    public async Task An_invalid_or_duplicate_spec_is_refused_with_every_error_and_nothing_is_stored()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();

        var invalid = await Assert.ThrowsAsync<ExperimentSpecException>(() => service.CreateAsync(Spec with { Sizes = [], Seeds = [1, 1], CorpusId = "nope" }, CancellationToken.None));
        Assert.Contains(invalid.Errors, e => e.Field == "sizes");
        Assert.Contains(invalid.Errors, e => e.Field == "seeds");
        Assert.Contains(invalid.Errors, e => e.Field == "corpusId");

        // A hosted spec on a host with no provider configured would only queue runs bound to fail.
        var hosted = await Assert.ThrowsAsync<ExperimentSpecException>(() => service.CreateAsync(Spec with { Hosted = new HostedFineTuningSpec { BaseModel = "gpt-35-turbo-0125" } }, CancellationToken.None));
        Assert.NotEmpty(hosted.Errors);
        Assert.All(hosted.Errors, e => Assert.Equal("hosted", e.Field));

        await service.CreateAsync(Spec, CancellationToken.None);
        var duplicate = await Assert.ThrowsAsync<ExperimentSpecException>(() => service.CreateAsync(Spec, CancellationToken.None));
        Assert.Equal("name", Assert.Single(duplicate.Errors).Field);

        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        Assert.Equal(1, await context.Experiments.CountAsync());
        await host.StopAsync();
    }

    private static async Task<List<string>> MessagesAsync(IHost host, int experimentId)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        return await context.Runs.Where(r => r.ExperimentId == experimentId && r.Message != null).Select(r => r.Message!).ToListAsync();
    }

    private static async Task<List<(RunRole Role, RunConfig Config)>> ConfigsAsync(IHost host, int experimentId)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var rows = await context.Runs.Where(r => r.ExperimentId == experimentId).Select(r => new { r.Role, r.ConfigJson }).ToListAsync();
        return [.. rows.Select(r => (r.Role, System.Text.Json.JsonSerializer.Deserialize<RunConfig>(r.ConfigJson, Workbench.Execution.RunStore.JsonOptions)!))];
    }
}
