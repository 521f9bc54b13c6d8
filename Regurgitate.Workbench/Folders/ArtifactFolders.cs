using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Folders;

/// <summary>
/// The one way to a run's or an experiment's folder of artefacts (<c>runs/&lt;id&gt;</c>, <c>experiments/&lt;id&gt;</c>).
/// Folders are named by database id, which another database (or a fresh one after <c>regurgitate.db</c> was deleted)
/// hands out again, so each folder records its row's unique identity (<see cref="FolderOwnership.FileName"/>) and
/// nothing is read, reused or resumed from a folder that does not name the asking row: such a folder is set aside
/// (renamed, never deleted) with a warning, and the row starts from an empty folder.
/// </summary>
public sealed partial class ArtifactFolders(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IOptions<RunsOptions> runsOptions,
    IOptions<ExperimentsOptions> experimentsOptions,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<ArtifactFolders> logger)
{
    /// <summary>An experiment's shared tokenizer, inside its folder.</summary>
    public const string TokenizerFolderName = "tokenizer";

    /// <summary>An experiment's ordered strategies' scores (one sub-folder each), inside its folder.</summary>
    public const string ScoresFolderName = "scores";

    private readonly Lock gate = new();

    public string RunsRoot => Path.GetFullPath(runsOptions.Value.RunsDirectory, environment.ContentRootPath);

    public string ExperimentsRoot => Path.GetFullPath(experimentsOptions.Value.ExperimentsDirectory, environment.ContentRootPath);

    public static FolderOwner OwnerOf(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new FolderOwner(FolderKind.Run, run.Id, run.FolderIdentity);
    }

    public static FolderOwner OwnerOf(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new FolderOwner(FolderKind.Experiment, experiment.Id, experiment.FolderIdentity);
    }

    /// <summary>Where the row's folder is; unchecked, so only for naming it (use <see cref="Verify"/> or <see cref="Claim"/> to touch it).</summary>
    public string PathOf(FolderKind kind, int id) =>
        Path.Combine(kind == FolderKind.Run ? RunsRoot : ExperimentsRoot, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// For reading: the row's folder, after setting aside whatever else stood at its path, so the path holds the row's
    /// own folder or nothing. Never creates the folder.
    /// </summary>
    public string Verify(FolderOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var folder = PathOf(owner.Kind, owner.Id);
        lock (gate)
        {
            SetAsideUnlessOwned(folder, owner);
        }

        return folder;
    }

    /// <summary>For writing or resuming: as <see cref="Verify"/>, then creates the folder with its owner file when there is none.</summary>
    /// <exception cref="IOException">Another process put a folder of another row there at the same moment.</exception>
    public string Claim(FolderOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var folder = PathOf(owner.Kind, owner.Id);
        lock (gate)
        {
            if (SetAsideUnlessOwned(folder, owner) == FolderState.Owned)
            {
                return folder;
            }

            FolderOwnership.Create(folder, owner);
            if (FolderOwnership.Check(folder, owner) != FolderState.Owned)
            {
                throw new IOException($"The folder '{folder}' was taken by another {owner.Kind.ToString().ToLowerInvariant()} while {owner.Kind.ToString().ToLowerInvariant()} {owner.Id} created it.");
            }
        }

        return folder;
    }

    /// <inheritdoc cref="Verify"/>
    /// <exception cref="InvalidOperationException">The run does not exist.</exception>
    public async Task<string> VerifyRunAsync(int runId, CancellationToken cancellationToken) =>
        Verify(await RunOwnerAsync(runId, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc cref="Claim"/>
    /// <exception cref="InvalidOperationException">The run does not exist.</exception>
    public async Task<string> ClaimRunAsync(int runId, CancellationToken cancellationToken) =>
        Claim(await RunOwnerAsync(runId, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc cref="Verify"/>
    /// <exception cref="InvalidOperationException">The experiment does not exist.</exception>
    public async Task<string> VerifyExperimentAsync(int experimentId, CancellationToken cancellationToken) =>
        Verify(await ExperimentOwnerAsync(experimentId, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc cref="Claim"/>
    /// <exception cref="InvalidOperationException">The experiment does not exist.</exception>
    public async Task<string> ClaimExperimentAsync(int experimentId, CancellationToken cancellationToken) =>
        Claim(await ExperimentOwnerAsync(experimentId, cancellationToken).ConfigureAwait(false));

    private async Task<FolderOwner> RunOwnerAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var identity = await context.Runs.Where(r => r.Id == runId).Select(r => (Guid?)r.FolderIdentity).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run {runId} does not exist.");
        return new FolderOwner(FolderKind.Run, runId, identity);
    }

    private async Task<FolderOwner> ExperimentOwnerAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var identity = await context.Experiments.Where(e => e.Id == experimentId).Select(e => (Guid?)e.FolderIdentity).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Experiment {experimentId} does not exist.");
        return new FolderOwner(FolderKind.Experiment, experimentId, identity);
    }

    private FolderState SetAsideUnlessOwned(string folder, FolderOwner owner)
    {
        var state = FolderOwnership.Check(folder, owner);
        if (state is FolderState.Foreign or FolderState.Unmarked)
        {
            var aside = FolderOwnership.SetAside(folder, timeProvider.GetUtcNow());
            LogSetAside(folder, owner.Kind, owner.Id, state, aside ?? "(already moved by another process)");
        }

        return state;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The folder {Folder} does not belong to {Kind} {Id} ({State}: made by another database or a deleted row); it is never read, and was set aside as {SetAsideAs}")]
    private partial void LogSetAside(string folder, FolderKind kind, int id, FolderState state, string setAsideAs);
}
