using System.Globalization;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// The pretrained model a run starts from (<see cref="RunConfig.InitFrom"/>): the checkpoint whose weights it loads,
/// and the run that trained it, whose tokenizer and architecture the fine-tuning run inherits. <see cref="RunConfig.InitFrom"/>
/// names either a run directory (its newest intact checkpoint is used) or a checkpoint file in a run directory's
/// <c>checkpoints/</c> folder; either way the run directory's <c>config.json</c> and <c>tokenizer/</c> must be there,
/// because a checkpoint alone does not say which vocabulary its embeddings index.
/// </summary>
/// <param name="Config">The pretrained run's configuration, as its config.json holds it.</param>
public sealed record PretrainedCheckpoint(string CheckpointPath, string RunDirectory, string TokenizerDirectory, RunConfig Config)
{
    /// <exception cref="DirectoryNotFoundException">The path names nothing, or the run saved no checkpoint folder.</exception>
    /// <exception cref="FileNotFoundException">config.json, the tokenizer or an intact checkpoint is missing.</exception>
    /// <exception cref="InvalidDataException">config.json is not a run configuration.</exception>
    public static PretrainedCheckpoint Resolve(string initFrom)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(initFrom);
        var path = Path.GetFullPath(initFrom);
        string runDirectory;
        string checkpoint;
        if (File.Exists(path))
        {
            // <run>/checkpoints/step-N.pt: the run is two folders up.
            runDirectory = Path.GetDirectoryName(Path.GetDirectoryName(path)) ?? path;
            checkpoint = path;
        }
        else if (Directory.Exists(path))
        {
            runDirectory = path;
            var folder = Path.Combine(path, TrainedModel.CheckpointsFolderName);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"'{path}' has no {TrainedModel.CheckpointsFolderName} folder; name a completed run's directory or one of its checkpoints.");
            }

            checkpoint = new CheckpointStore(folder).LatestIntact()?.Path
                ?? throw new FileNotFoundException($"No intact checkpoint (step-*.pt with a matching .sha256) in '{folder}'.", folder);
        }
        else
        {
            throw new DirectoryNotFoundException($"'{path}' is neither a run directory nor a checkpoint file.");
        }

        var configPath = Path.Combine(runDirectory, TrainedModel.ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"'{configPath}' does not exist: the checkpoint '{checkpoint}' must lie in a run directory's {TrainedModel.CheckpointsFolderName} folder, next to the run's configuration.", configPath);
        }

        var config = RunConfig.ReadFile(configPath);

        var tokenizer = Path.Combine(runDirectory, TrainedModel.TokenizerFolderName);
        if (!File.Exists(Path.Combine(tokenizer, SubwordTokenizer.VocabularyFileName)))
        {
            throw new FileNotFoundException($"The pretrained run has no tokenizer: '{Path.Combine(tokenizer, SubwordTokenizer.VocabularyFileName)}' does not exist.", tokenizer);
        }

        return new PretrainedCheckpoint(checkpoint, runDirectory, tokenizer, config);
    }

    /// <summary>
    /// Why <paramref name="run"/> cannot start from this model, each problem named by the run's field and this model's
    /// path: another architecture (every <see cref="ModelConfig"/> field but dropout, which only acts in training),
    /// the other translation direction, or a <see cref="RunConfig.TokenizerDirectory"/> holding another vocabulary.
    /// </summary>
    public IReadOnlyList<RunConfigError> Mismatches(RunConfig run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var errors = new List<RunConfigError>();
        foreach (var property in typeof(ModelConfig).GetProperties().Where(p => p.CanWrite && p.Name != nameof(ModelConfig.Dropout)))
        {
            var pretrained = property.GetValue(Config.Model);
            var own = property.GetValue(run.Model);
            if (!Equals(pretrained, own))
            {
                errors.Add(new(
                    $"Model.{property.Name}",
                    string.Create(CultureInfo.InvariantCulture, $"The pretrained model in '{CheckpointPath}' has {property.Name} {pretrained}, this run {own}; a run started from it keeps its architecture.")));
            }
        }

        if (Config.Reverse != run.Reverse)
        {
            errors.Add(new("Reverse", $"The pretrained model in '{CheckpointPath}' translates {Direction(Config.Reverse)}, this run {Direction(run.Reverse)}."));
        }

        if (run.TokenizerDirectory is { } tokenizer && !SameVocabulary(tokenizer, TokenizerDirectory))
        {
            errors.Add(new("TokenizerDirectory", $"'{tokenizer}' is not the vocabulary of the pretrained model in '{CheckpointPath}' (its tokenizer is '{TokenizerDirectory}'); leave TokenizerDirectory out to use it."));
        }

        return errors;
    }

    private static string Direction(bool reverse) => reverse ? "English→German" : "German→English";

    private static bool SameVocabulary(string directory, string pretrained)
    {
        if (string.Equals(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(pretrained).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            return true;
        }

        return new[] { SubwordTokenizer.VocabularyFileName, SubwordTokenizer.MergesFileName }.All(name =>
        {
            var own = Path.Combine(directory, name);
            var theirs = Path.Combine(pretrained, name);
            return File.Exists(own) && File.Exists(theirs) && File.ReadAllBytes(own).AsSpan().SequenceEqual(File.ReadAllBytes(theirs));
        });
    }
}
