using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Folders;

/// <summary>
/// The folder resolver: a run's folder is read only when its owner file names that very row; a folder of another row
/// (another database) or one without an owner file is set aside, renamed with the time, never read nor deleted.
/// </summary>
public sealed class ArtifactFoldersTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 30, 15, TimeSpan.Zero);

    private readonly TempDatabase database = new();
    private readonly ArtifactFolders folders;

    public ArtifactFoldersTests()
    {
        folders = TestArtifactFolders.Create(database.Factory, database.Folder, new FixedClock(Now));
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_folder_that_names_its_row_is_read_as_it_is()
    {
        var run = await AddRunAsync();
        var folder = folders.Claim(ArtifactFolders.OwnerOf(run));
        await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), "{}");

        Assert.Equal(folder, await folders.VerifyRunAsync(run.Id, CancellationToken.None));
        Assert.Equal(folder, folders.Claim(ArtifactFolders.OwnerOf(run)));
        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(folder, "config.json")));
        Assert.Equal(FolderState.Owned, FolderOwnership.Check(folder, ArtifactFolders.OwnerOf(run)));
        Assert.Empty(SetAside());
    }

    [Fact]
    public async Task A_folder_of_another_row_with_the_same_id_is_set_aside_and_never_read()
    {
        var run = await AddRunAsync();
        var folder = folders.PathOf(FolderKind.Run, run.Id);
        FolderOwnership.Create(folder, new FolderOwner(FolderKind.Run, run.Id, Guid.NewGuid()));
        await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), "another database's run");

        var read = await folders.VerifyRunAsync(run.Id, CancellationToken.None);

        Assert.Equal(folder, read);
        Assert.False(Directory.Exists(read));
        var aside = Assert.Single(SetAside());
        Assert.Equal($"{folder}.orphan-20261202T103015Z", aside);
        Assert.Equal("another database's run", await File.ReadAllTextAsync(Path.Combine(aside, "config.json")));

        // Claiming then gives the row a fresh folder of its own.
        var claimed = await folders.ClaimRunAsync(run.Id, CancellationToken.None);
        Assert.Equal([FolderOwnership.FileName], Directory.GetFiles(claimed).Select(Path.GetFileName));
        Assert.Equal(ArtifactFolders.OwnerOf(run), FolderOwnership.Read(Path.Combine(claimed, FolderOwnership.FileName)));
    }

    [Fact]
    public async Task A_folder_without_an_owner_file_or_with_an_unreadable_one_is_set_aside()
    {
        var run = await AddRunAsync();
        var experiment = await ExperimentOfAsync(run);
        var runFolder = folders.PathOf(FolderKind.Run, run.Id);
        Directory.CreateDirectory(Path.Combine(runFolder, "checkpoints"));
        var experimentFolder = folders.PathOf(FolderKind.Experiment, experiment.Id);
        Directory.CreateDirectory(experimentFolder);
        await File.WriteAllTextAsync(Path.Combine(experimentFolder, FolderOwnership.FileName), "{ not json");

        Assert.Equal(FolderState.Unmarked, FolderOwnership.Check(runFolder, ArtifactFolders.OwnerOf(run)));
        Assert.Equal(FolderState.Foreign, FolderOwnership.Check(experimentFolder, ArtifactFolders.OwnerOf(experiment)));
        await folders.ClaimRunAsync(run.Id, CancellationToken.None);
        await folders.VerifyExperimentAsync(experiment.Id, CancellationToken.None);

        Assert.Equal([$"{experimentFolder}.orphan-20261202T103015Z", $"{runFolder}.orphan-20261202T103015Z"], SetAside());
        Assert.True(Directory.Exists(Path.Combine($"{runFolder}.orphan-20261202T103015Z", "checkpoints")));
        Assert.False(Directory.Exists(Path.Combine(runFolder, "checkpoints")));
        Assert.False(Directory.Exists(experimentFolder));
    }

    [Fact]
    public async Task A_missing_folder_is_not_made_by_reading_and_is_made_with_its_owner_by_claiming()
    {
        var run = await AddRunAsync();
        var folder = folders.PathOf(FolderKind.Run, run.Id);

        Assert.Equal(folder, await folders.VerifyRunAsync(run.Id, CancellationToken.None));
        Assert.False(Directory.Exists(folder));
        folders.Claim(ArtifactFolders.OwnerOf(run));
        Assert.Equal(FolderState.Owned, FolderOwnership.Check(folder, ArtifactFolders.OwnerOf(run)));

        // Nothing half-made is left beside it, and a second orphan of the same second gets its own name.
        FolderOwnership.SetAside(folder, Now);
        Directory.CreateDirectory(folder);
        FolderOwnership.SetAside(folder, Now);
        Assert.Equal([$"{folder}.orphan-20261202T103015Z", $"{folder}.orphan-20261202T103015Z-2"], SetAside());
        await Assert.ThrowsAsync<InvalidOperationException>(() => folders.VerifyRunAsync(run.Id + 1, CancellationToken.None));
    }

    private List<string> SetAside() =>
        [.. new[] { folders.RunsRoot, folders.ExperimentsRoot }.Where(Directory.Exists).SelectMany(Directory.EnumerateFileSystemEntries)
            .Where(p => p.Contains(".orphan-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private async Task<Run> AddRunAsync()
    {
        await database.MigrateAsync();
        await using var context = await database.Factory.CreateDbContextAsync();
        var run = new Run
        {
            Experiment = new Experiment { Name = "owners", CreatedAt = Now },
            ConfigJson = "{}",
            CorpusId = "multi30k",
            CreatedAt = Now,
        };
        context.Runs.Add(run);
        await context.SaveChangesAsync();
        return run;
    }

    private async Task<Experiment> ExperimentOfAsync(Run run)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        return await context.Experiments.FindAsync(run.ExperimentId) ?? throw new InvalidOperationException("No experiment.");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
