using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Folders;

/// <summary>
/// Once, when a database is upgraded to folder identities: folders made before owner files existed are adopted by the
/// rows of that database only where their content proves the match, because an id alone proves nothing (the database
/// may have been replaced while the folders stayed). A run folder is adopted when its <c>config.json</c> is the row's
/// configuration; an experiment folder when it holds no shared tokenizer, or the same tokenizer as one of the
/// experiment's adopted runs. Every other unmarked folder is set aside when first used, and its row starts afresh.
/// </summary>
public sealed partial class FolderAdoption(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    ArtifactFolders folders,
    ILogger<FolderAdoption> logger)
{
    public async Task AdoptAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var runs = await context.Runs.AsNoTracking()
            .Select(r => new { r.Id, r.ExperimentId, r.FolderIdentity, r.ConfigJson })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var adoptedRuns = new List<(int ExperimentId, string Folder)>();
        var refused = 0;
        foreach (var run in runs)
        {
            var owner = new FolderOwner(FolderKind.Run, run.Id, run.FolderIdentity);
            var folder = folders.PathOf(FolderKind.Run, run.Id);
            if (FolderOwnership.Check(folder, owner) != FolderState.Unmarked)
            {
                continue;
            }

            if (HoldsConfiguration(folder, run.ConfigJson))
            {
                FolderOwnership.Mark(folder, owner);
                adoptedRuns.Add((run.ExperimentId, folder));
            }
            else
            {
                refused++;
            }
        }

        var experiments = await context.Experiments.AsNoTracking()
            .Select(e => new { e.Id, e.FolderIdentity })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var adoptedExperiments = 0;
        foreach (var experiment in experiments)
        {
            var owner = new FolderOwner(FolderKind.Experiment, experiment.Id, experiment.FolderIdentity);
            var folder = folders.PathOf(FolderKind.Experiment, experiment.Id);
            if (FolderOwnership.Check(folder, owner) != FolderState.Unmarked)
            {
                continue;
            }

            var tokenizer = Path.Combine(folder, ArtifactFolders.TokenizerFolderName);
            var runFolders = adoptedRuns.Where(r => r.ExperimentId == experiment.Id).Select(r => r.Folder);
            if (!Directory.Exists(tokenizer) || runFolders.Any(run => SameTokenizer(tokenizer, Path.Combine(run, ArtifactFolders.TokenizerFolderName))))
            {
                FolderOwnership.Mark(folder, owner);
                adoptedExperiments++;
            }
            else
            {
                refused++;
            }
        }

        LogAdopted(adoptedRuns.Count, adoptedExperiments, refused);
    }

    // The engine writes config.json in its own casing and layout; compare the configurations, not the text.
    private static bool HoldsConfiguration(string folder, string configJson)
    {
        var file = Path.Combine(folder, TrainedModel.ConfigFileName);
        try
        {
            var stored = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(file), RunStore.JsonOptions);
            var expected = JsonSerializer.Deserialize<RunConfig>(configJson, RunStore.JsonOptions);
            return stored is not null && expected is not null
                && JsonSerializer.Serialize(stored, RunStore.JsonOptions) == JsonSerializer.Serialize(expected, RunStore.JsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool SameTokenizer(string left, string right) =>
        new[] { SubwordTokenizer.VocabularyFileName, SubwordTokenizer.MergesFileName }.All(name =>
        {
            var a = Path.Combine(left, name);
            var b = Path.Combine(right, name);
            return File.Exists(a) && File.Exists(b) && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folder identities introduced: adopted {Runs} run folder(s) and {Experiments} experiment folder(s) whose content matches their row; {Refused} other folder(s) without an owner file will be set aside when first used")]
    private partial void LogAdopted(int runs, int experiments, int refused);
}
