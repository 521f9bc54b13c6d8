using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Folders;

/// <summary>
/// A user deletes <c>regurgitate.db</c> to start afresh and keeps the folders: the new database hands out experiment 1
/// and runs 1, 2, … again. Nothing of the old rows' folders may be reused (tokenizer, generator checkpoints, resumed
/// runs): they are set aside, and the results are those of a clean start.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class FreshDatabaseOverOldFoldersTests : IDisposable
{
    // Deleting the database is deleting SQLite's file.
    private readonly ToyWorkbenchHost reused = new(postgreSql: false);
    private readonly ToyWorkbenchHost clean = new(postgreSql: false);

    // Tiny: one local generator and two grid runs, a shared tokenizer. The second spec only draws other pairs.
    private static ExperimentSpec Spec(string name, int splitSeed) =>
        ToyExperimentSpecs.RealVsLow(name, ToyWorkbenchHost.Quick) with { SplitSeed = splitSeed, Sizes = [40], Seeds = [1] };

    public void Dispose()
    {
        reused.Dispose();
        clean.Dispose();
    }

    [Fact]
    public async Task After_the_database_is_deleted_the_same_and_another_spec_reuse_nothing_and_equal_a_clean_start()
    {
        var first = await RunAsync(reused, Spec("toy folders A", 11));
        DeleteDatabase(reused);

        // Another spec gets experiment 1 and run 1 again: its tokenizer is learned from its own data, not taken over.
        var other = await RunAsync(reused, Spec("toy folders B", 12));
        var clean = await RunAsync(this.clean, Spec("toy folders B", 12));
        Assert.Equal(first.ExperimentId, other.ExperimentId);
        Assert.Equal(first.RunIds, other.RunIds);
        Assert.NotEqual(first.Tokenizer, other.Tokenizer);
        Assert.Equal(clean.Tokenizer, other.Tokenizer);
        Assert.Equal(clean.Bleu, other.Bleu);

        // The old rows' folders were set aside, not deleted, and each folder now names its new row.
        Assert.Single(Directory.GetDirectories(ExperimentsRoot(reused), $"{first.ExperimentId}.orphan-*"));
        Assert.All(first.RunIds, id => Assert.Single(Directory.GetDirectories(RunsRoot(reused), $"{id}.orphan-*")));
        await AssertFoldersOwnedAsync(reused);

        // The same spec again over the second database's folders: its generator's translations are stored datasets
        // (content-addressed, so not trained again), and its grid runs train afresh to the first time's results.
        DeleteDatabase(reused);
        var again = await RunAsync(reused, Spec("toy folders A", 11));
        Assert.Equal(first.Tokenizer, again.Tokenizer);
        Assert.Equal(first.Bleu[^2..], again.Bleu);
        Assert.All(again.RunIds, id => Assert.Equal(2, Directory.GetDirectories(RunsRoot(reused), $"{id}.orphan-*").Length));
        await AssertFoldersOwnedAsync(reused);
    }

    private static async Task<Outcome> RunAsync(ToyWorkbenchHost workbench, ExperimentSpec spec)
    {
        using var host = workbench.Build();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(spec, CancellationToken.None);
        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        Assert.Equal(2, report.Runs.GetValueOrDefault(RunStatus.Completed));
        Assert.Single(report.Runs);

        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var runs = await context.Runs.AsNoTracking().Where(r => r.ExperimentId == id).OrderBy(r => r.Id).ToListAsync();
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));

        // Every grid run trained with the vocabulary its own experiment learned.
        var tokenizer = Tokenizer(Path.Combine(await folders.VerifyExperimentAsync(id, CancellationToken.None), ArtifactFolders.TokenizerFolderName));
        Assert.All(runs.Where(r => r.Role == RunRole.Grid), r => Assert.Equal(tokenizer, Tokenizer(Path.Combine(folders.Verify(ArtifactFolders.OwnerOf(r)), "tokenizer"))));
        await host.StopAsync();
        return new Outcome(id, [.. runs.Select(r => r.Id)], tokenizer, [.. runs.Select(r => r.TestBleu)]);
    }

    private static async Task AssertFoldersOwnedAsync(ToyWorkbenchHost workbench)
    {
        using var host = workbench.Build();
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        await using var context = await factory.CreateDbContextAsync();
        foreach (var run in await context.Runs.AsNoTracking().ToListAsync())
        {
            Assert.Equal(FolderState.Owned, FolderOwnership.Check(folders.PathOf(FolderKind.Run, run.Id), ArtifactFolders.OwnerOf(run)));
        }

        var experiment = await context.Experiments.AsNoTracking().SingleAsync();
        Assert.Equal(FolderState.Owned, FolderOwnership.Check(folders.PathOf(FolderKind.Experiment, experiment.Id), ArtifactFolders.OwnerOf(experiment)));
    }

    private static string Tokenizer(string directory) =>
        File.ReadAllText(Path.Combine(directory, SubwordTokenizer.VocabularyFileName)) + File.ReadAllText(Path.Combine(directory, SubwordTokenizer.MergesFileName));

    private static string RunsRoot(ToyWorkbenchHost workbench) => Path.Combine(workbench.Root, "App_Data", "runs");

    private static string ExperimentsRoot(ToyWorkbenchHost workbench) => Path.Combine(workbench.Root, "App_Data", "experiments");

    private static void DeleteDatabase(ToyWorkbenchHost workbench)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.Combine(workbench.Root, "App_Data"), "test.db*"))
        {
            File.Delete(file);
        }
    }

    private sealed record Outcome(int ExperimentId, IReadOnlyList<int> RunIds, string Tokenizer, double?[] Bleu);
}
