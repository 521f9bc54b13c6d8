using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Folders;

/// <summary>
/// Upgrading a database made before folder identities: its rows adopt the folders that provably are theirs (a run's
/// config.json is the row's configuration; an experiment's tokenizer is the one its adopted runs trained with), and
/// nothing else, so a folder left by an earlier database is still set aside when first used.
/// </summary>
public sealed class FolderAdoptionTests : IDisposable
{
    private const string MigrationBeforeIdentities = "20261126032928_RunQueueAndTags";

    private static readonly RunConfig First = new() { CorpusId = "multi30k", Seed = 1 };
    private static readonly RunConfig Second = new() { CorpusId = "multi30k", Seed = 2 };

    // The upgrade it replays is one of SQLite's migrations; PostgreSQL's history starts after it.
    private readonly TempDatabase database = new(DatabaseProvider.Sqlite);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Upgrading_adopts_only_folders_whose_content_matches_their_row()
    {
        await using (var context = await database.Factory.CreateDbContextAsync())
        {
            await context.GetService<IMigrator>().MigrateAsync(MigrationBeforeIdentities);
            await context.Database.ExecuteSqlRawAsync("INSERT INTO Experiments (Id, Name, CreatedAt) VALUES (1, 'kept', 0), (2, 'relearned', 0)");
            foreach (var (id, experiment, config) in new[] { (1, 1, First), (2, 1, Second), (3, 2, First) })
            {
                await context.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Runs (Id, ExperimentId, ConfigJson, CorpusId, Role, Condition, TrainSize, Seed, RealFraction, Priority, Attempt, MaxSteps, LastStep, Status, CreatedAt) " +
                    "VALUES ({0}, {1}, {2}, 'multi30k', 'Grid', 'real', 0, 0, 1.0, 0, 0, 0, 0, 'Completed', 0)",
                    id, experiment, JsonSerializer.Serialize(config, RunStore.JsonOptions));
            }
        }

        var folders = TestArtifactFolders.Create(database.Factory, database.Folder);
        // The engine writes config.json in its own layout: the adoption compares configurations, not text.
        WriteRun(folders, 1, First, "vocabulary one");
        WriteRun(folders, 2, First, "vocabulary one");
        WriteRun(folders, 3, First, "vocabulary three");
        WriteTokenizer(Path.Combine(folders.PathOf(FolderKind.Experiment, 1), ArtifactFolders.TokenizerFolderName), "vocabulary one");
        WriteTokenizer(Path.Combine(folders.PathOf(FolderKind.Experiment, 2), ArtifactFolders.TokenizerFolderName), "another experiment's vocabulary");

        await TestArtifactFolders.Migrator(database.Factory, database.Folder).MigrateAsync(CancellationToken.None);

        await using var upgraded = await database.Factory.CreateDbContextAsync();
        var runs = await upgraded.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var experiments = await upgraded.Experiments.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(5, runs.Select(r => r.FolderIdentity).Concat(experiments.Select(e => e.FolderIdentity)).Where(g => g != Guid.Empty).Distinct().Count());
        Assert.Equal(
            [FolderState.Owned, FolderState.Unmarked, FolderState.Owned],
            runs.Select(r => FolderOwnership.Check(folders.PathOf(FolderKind.Run, r.Id), ArtifactFolders.OwnerOf(r))));
        Assert.Equal(
            [FolderState.Owned, FolderState.Unmarked],
            experiments.Select(e => FolderOwnership.Check(folders.PathOf(FolderKind.Experiment, e.Id), ArtifactFolders.OwnerOf(e))));

        // Migrating again adopts nothing more: the unproven folders wait to be set aside.
        await TestArtifactFolders.Migrator(database.Factory, database.Folder).MigrateAsync(CancellationToken.None);
        Assert.Equal(FolderState.Unmarked, FolderOwnership.Check(folders.PathOf(FolderKind.Run, 2), ArtifactFolders.OwnerOf(runs[1])));
    }

    private static void WriteRun(ArtifactFolders folders, int runId, RunConfig config, string vocabulary)
    {
        var folder = folders.PathOf(FolderKind.Run, runId);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
        WriteTokenizer(Path.Combine(folder, "tokenizer"), vocabulary);
    }

    private static void WriteTokenizer(string folder, string vocabulary)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "vocab.json"), vocabulary);
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n");
    }
}
