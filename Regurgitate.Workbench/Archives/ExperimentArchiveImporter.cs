using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Imports an experiment archive as a new experiment. Everything is checked before anything changes: entry-count,
/// size and compression-ratio limits, entry names, the manifest's format version, every entry's SHA-256, and that the
/// spec, each configuration and each metrics file parse (streamed, never held in memory). Then the experiment and its
/// runs are committed hidden (<see cref="ExperimentStatus.Importing"/>), the metric points are inserted in short
/// batches that let live runs write in between, the run folders are moved from the staging folder into place, and one
/// last commit makes the experiment visible. A refused or failed import is discarded (<see cref="PendingImports"/>),
/// and one cut short by a crash is discarded at the next start or import: either way the database and the runs folder
/// look as they were, and the run ids it took are never reused.
/// Imported runs never start by themselves: runs that were queued or running arrive Interrupted.
/// </summary>
public sealed partial class ExperimentArchiveImporter(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    Folders.ArtifactFolders folders,
    PendingImports pendingImports,
    IOptions<ArchiveOptions> options,
    TimeProvider timeProvider,
    ILogger<ExperimentArchiveImporter> logger) : IExperimentArchiveImporter
{
    public const string ImportedSuffix = " (imported)";
    private const int MaxNameLength = 200;

    public long MaxArchiveBytes => options.Value.MaxArchiveBytes;

    /// <summary>A test seam: called after each step, so a test can fail the import there (or, failing at Discarding too, leave what a crash would).</summary>
    internal Func<ArchiveImportStep, CancellationToken, Task> StepReached { get; set; } = (_, _) => Task.CompletedTask;

    /// <exception cref="ExperimentArchiveException">The archive was refused; the message names the entry and the problem.</exception>
    public async Task<ArchiveImportResult> ImportFileAsync(string path, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ExperimentArchiveException($"Archive '{Path.GetFullPath(path)}' does not exist.");
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await ImportAsync(file, Path.GetFileName(path), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="archive">The zip; a stream that cannot seek (an upload) is first copied to a temporary file, within the size limit.</param>
    /// <param name="displayName">The archive's name in messages.</param>
    /// <param name="progress">Receives a message per phase.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is kept.</param>
    /// <exception cref="ExperimentArchiveException">The archive was refused; the message names the entry and the problem.</exception>
    public async Task<ArchiveImportResult> ImportAsync(Stream archive, string displayName, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var limits = options.Value;
        await pendingImports.RecoverAsync(cancellationToken).ConfigureAwait(false);
        using var staging = ImportStaging.Create(pendingImports.RunsRoot);
        try
        {
            var seekable = archive;
            if (!archive.CanSeek)
            {
                var copy = Path.Combine(staging.FolderPath, "upload.zip");
                seekable = new FileStream(copy, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await ArchiveVerifier.CopyLimitedAsync(archive, seekable, limits.MaxArchiveBytes, () => TooLarge(displayName, limits.MaxArchiveBytes), cancellationToken).ConfigureAwait(false);
                seekable.Position = 0;
            }
            else if (archive.Length - archive.Position > limits.MaxArchiveBytes)
            {
                throw TooLarge(displayName, limits.MaxArchiveBytes);
            }

            ArchiveManifest manifest;
            try
            {
                progress?.Report(new ArchiveProgress("Checking the archive", 0, 0));
                manifest = await ArchiveVerifier.ValidateAndStageAsync(seekable, displayName, limits, staging.FolderPath, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!ReferenceEquals(seekable, archive))
                {
                    await seekable.DisposeAsync().ConfigureAwait(false);
                }
            }

            await StepReached(ArchiveImportStep.Staged, cancellationToken).ConfigureAwait(false);
            progress?.Report(new ArchiveProgress("Writing to the database", 0, 0));
            var result = await CommitAsync(manifest, staging, progress, cancellationToken).ConfigureAwait(false);
            LogImported(result.ExperimentId, result.ExperimentName, result.Runs, result.MetricPoints, result.WriteBatches, result.LongestWriteLockHold.TotalMilliseconds);
            TryDeleteStaging(staging);
            return result;
        }
        catch
        {
            await StepReached(ArchiveImportStep.Discarding, CancellationToken.None).ConfigureAwait(false);
            try
            {
                await pendingImports.DiscardAsync(staging.Name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DbException)
            {
                // The import's rows stay hidden; the next import or start-up discards them. The caller hears the first failure.
                LogDiscardFailed(staging.Name, ex);
            }

            throw;
        }
    }

    private async Task<ArchiveImportResult> CommitAsync(ArchiveManifest manifest, ImportStaging staging, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        var archived = manifest.Runs.OrderBy(r => r.Index).ToList();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // 1. The experiment and its runs, hidden under the staging folder's name: this takes their ids for good.
        var now = timeProvider.GetUtcNow();
        var experiment = new Experiment
        {
            Name = staging.Name,
            Description = manifest.Description,
            CreatedAt = manifest.ExperimentCreatedAt,
            SpecJson = manifest.SpecJson,
            Status = ExperimentStatus.Importing,
            StatusMessage = "Importing from an archive",
        };
        var runs = archived.Select(r => ToRun(r, experiment, now)).ToList();
        context.Experiments.Add(experiment);
        context.Runs.AddRange(runs);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await StepReached(ArchiveImportStep.Reserved, cancellationToken).ConfigureAwait(false);

        // 2. The points, streamed from the staged files in short batches.
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long expected = archived.Sum(r => (long)r.MetricPoints);
        await using var points = new MetricPointBatchWriter(context.Database.GetDbConnection(), options, timeProvider, StepReached);
        for (var i = 0; i < runs.Count; i++)
        {
            var entry = $"{ArchiveFormat.RunFolder(archived[i].Index)}/{ArchiveFormat.MetricsFile}";
            await foreach (var point in ArchiveMetricsReader.ReadAsync(Path.Combine(staging.StagedRunFolder(archived[i].Index), ArchiveFormat.MetricsFile), entry, cancellationToken).ConfigureAwait(false))
            {
                await points.AddAsync(runs[i].Id, point, cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(new ArchiveProgress($"Wrote {points.Inserted:N0} of {expected:N0} metric points", i + 1, runs.Count));
        }

        await points.CommitAsync(cancellationToken).ConfigureAwait(false);

        // 3. The run folders, each marked as this import's until the last commit, and each naming its new row as owner
        // so that it is read as that row's own.
        for (var i = 0; i < runs.Count; i++)
        {
            var owner = Folders.ArtifactFolders.OwnerOf(runs[i]);
            staging.MoveIntoPlace(archived[i].Index, owner, folders.PathOf(owner.Kind, owner.Id));
        }

        await StepReached(ArchiveImportStep.FoldersMoved, cancellationToken).ConfigureAwait(false);

        // 4. One last short commit makes the experiment visible, under its own name.
        var active = manifest.Status is ExperimentStatus.Preparing or ExperimentStatus.Running;
        experiment.Name = await UniqueNameAsync(context, manifest.ExperimentName, cancellationToken).ConfigureAwait(false);
        // An experiment still in progress at export would otherwise look like one this process should follow.
        experiment.Status = active ? ExperimentStatus.Stopped : manifest.Status;
        experiment.StatusMessage = active
            ? $"Imported from an archive while {manifest.Status.ToString()!.ToLowerInvariant()}; start it again to continue here."
            : manifest.StatusMessage;
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await StepReached(ArchiveImportStep.Revealed, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs)
        {
            staging.Unmark(folders.PathOf(Folders.FolderKind.Run, run.Id));
        }

        return new ArchiveImportResult(experiment.Id, experiment.Name, runs.Count, points.Inserted, points.Batches, points.LongestHold);
    }

    private static Run ToRun(ArchiveRun r, Experiment experiment, DateTimeOffset now)
    {
        var active = r.Status is RunStatus.Queued or RunStatus.Running;
        return new Run
        {
            Experiment = experiment,
            ConfigJson = r.ConfigJson,
            CorpusId = r.CorpusId,
            Role = r.Role,
            // The verifier has read every configuration already; the kind follows it, as for a run created here.
            Kind = Execution.RunKinds.Of(System.Text.Json.JsonSerializer.Deserialize<Engine.Experiments.RunConfig>(r.ConfigJson, Execution.RunStore.JsonOptions)!),
            Condition = r.Condition,
            TrainSize = r.TrainSize,
            Seed = r.Seed,
            RealFraction = r.RealFraction,
            Priority = r.Priority,
            Attempt = r.Attempt,
            Tags = r.Tags,
            MaxSteps = r.MaxSteps,
            LastStep = r.LastStep,
            // Queued or Running rows would be taken up by the durable queue at the next start.
            Status = active ? RunStatus.Interrupted : r.Status,
            Message = active ? $"Imported from an archive while {r.Status.ToString().ToLowerInvariant()}; imported runs never start by themselves." : r.Message,
            PhaseMessage = active ? null : r.PhaseMessage,
            Device = r.Device,
            ParameterCount = r.ParameterCount,
            Threads = r.Threads,
            TrainingPairs = r.TrainingPairs,
            PairsDropped = r.PairsDropped,
            TargetTokens = r.TargetTokens,
            SourceTokens = r.SourceTokens,
            CreatedAt = r.CreatedAt,
            StartedAt = r.StartedAt,
            FinishedAt = active ? r.FinishedAt ?? now : r.FinishedAt,
            TestBleu = r.TestBleu,
            TestBleuSignature = r.TestBleuSignature,
            TestChrF = r.TestChrF,
            TestChrFSignature = r.TestChrFSignature,
            LatestSamplesJson = r.LatestSamplesJson,
        };
    }

    /// <summary>The archive's name if free, else with " (imported)", then " (imported 2)", " (imported 3)" …</summary>
    private static async Task<string> UniqueNameAsync(RegurgitateDbContext context, string name, CancellationToken cancellationToken)
    {
        var baseName = string.IsNullOrWhiteSpace(name) ? "Imported experiment" : name.Trim();
        for (var attempt = 0; ; attempt++)
        {
            var suffix = attempt switch
            {
                0 => string.Empty,
                1 => ImportedSuffix,
                _ => $" (imported {attempt.ToString(CultureInfo.InvariantCulture)})",
            };
            var candidate = (baseName.Length + suffix.Length > MaxNameLength ? baseName[..(MaxNameLength - suffix.Length)] : baseName) + suffix;
            if (!await context.Experiments.AnyAsync(e => e.Name == candidate, cancellationToken).ConfigureAwait(false))
            {
                return candidate;
            }
        }
    }

    private static ExperimentArchiveException TooLarge(string displayName, long maxBytes) =>
        new($"'{displayName}' is larger than the archive limit of {maxBytes:N0} bytes ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxArchiveBytes)}).");

    /// <summary>After the final commit only the emptied staging folder is left; if it cannot go now, the next recovery removes it.</summary>
    private void TryDeleteStaging(ImportStaging staging)
    {
        try
        {
            ImportStaging.DeleteFolder(staging.FolderPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDiscardFailed(staging.Name, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the archive import {StagingName} now; the next import or start-up removes it")]
    private partial void LogDiscardFailed(string stagingName, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported experiment {ExperimentId} '{Name}': {Runs} runs, {Points} metric points in {Batches} batches, write lock held at most {LongestHoldMs:F0} ms")]
    private partial void LogImported(int experimentId, string name, int runs, long points, int batches, double longestHoldMs);
}
