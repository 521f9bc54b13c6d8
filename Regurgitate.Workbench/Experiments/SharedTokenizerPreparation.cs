using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Learns an experiment's shared subword vocabulary from the sources every synthetic set covers, and writes it
/// through a temporary folder so an interrupted attempt never leaves a half-written tokenizer that would be reused.
/// </summary>
public sealed class SharedTokenizerPreparation(SyntheticDatasetRepository datasets)
{
    /// <summary>Learns the tokenizer into <paramref name="directory"/> unless a vocabulary is there already.</summary>
    public async Task PrepareAsync(ExperimentPlan plan, ExperimentSources sources, string directory, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(directory, SubwordTokenizer.VocabularyFileName)))
        {
            return;
        }

        progress?.Report(new ExperimentProgress("Preparing", $"Learning the shared {plan.Spec.Model.VocabSize}-symbol vocabulary", 0, plan.Runs.Count));
        var ids = plan.Runs.SelectMany(r => r.Config.Mixture.GeneratorIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var sets = new List<SyntheticTargetSet>();
        foreach (var id in ids)
        {
            sets.Add(await datasets.LoadAsync(id, cancellationToken));
        }

        var candidates = sources.Experiment.Where(p => sets.All(s => s.Covers(p.Source))).ToList();
        var tokenizer = await Task.Run(() => SharedTokenizer.Learn(candidates, sets, plan.Spec.Model.VocabSize, null, cancellationToken), cancellationToken);
        var temporary = directory + ".tmp";
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        tokenizer.Save(temporary);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(temporary, directory);
    }
}
