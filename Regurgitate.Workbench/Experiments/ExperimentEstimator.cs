using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// A rough cost of a spec before it runs. Training tokens = Σ over runs of epochs × size × typical target subword
/// tokens per pair of the corpus (measured once with a 4k BPE vocabulary); time = tokens ÷ the training speed this
/// machine reached for the model size (benchmarked on 2 CPU cores; see README), plus dev/test decoding. Runs whose
/// training is bounded by MaxSteps rather than epochs count MaxSteps × TokensPerBatch.
/// </summary>
public static class ExperimentEstimator
{
    private static readonly Dictionary<string, double> TargetTokensPerPair = new(StringComparer.OrdinalIgnoreCase)
    {
        ["multi30k"] = 16,
        ["tatoeba"] = 11,
        ["newstest"] = 38,
        ["wmt22"] = 30,
        ["wmt21"] = 40,
    };

    public static ExperimentEstimate Estimate(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var warnings = new List<string>();
        ExperimentPlan plan;
        try
        {
            plan = ExperimentGrid.Expand(spec);
        }
        catch (ExperimentSpecException ex)
        {
            return new ExperimentEstimate(0, 0, 0, 0, 0, TimeSpan.Zero, [.. ex.Errors.Select(e => $"{e.Field}: {e.Message}")]);
        }

        var perPair = TargetTokensPerPair.GetValueOrDefault(spec.CorpusId, 25);
        double seconds = 0;
        long tokens = 0;
        foreach (var config in plan.Runs.Select(r => r.Config).Concat(plan.Generators.Select(g => g.TrainingRun)))
        {
            var runTokens = TrainingTokens(config, perPair);
            tokens += runTokens;
            seconds += runTokens / TokensPerSecond(config.Model) + EvaluationSeconds(config, perPair);
        }

        foreach (var generator in plan.Generators)
        {
            // Beam-5 translation of the experiment's (and possibly the reserved) sources.
            seconds += (plan.ExperimentSourceCount + plan.ReservedCount) / SentencesPerSecond(generator.Spec.Model, generator.Spec.BeamSize);
        }

        var speed = TokensPerSecond(spec.Model);
        if (spec.Sizes.Count > 0 && spec.Sizes.Max() > 100_000 && spec.Model.DModel >= 256)
        {
            warnings.Add("The largest size trains for hours on a CPU; consider a GPU or fewer epochs.");
        }

        var conditions = plan.Runs.Select(r => r.Condition).Distinct().Count();
        return new ExperimentEstimate(plan.Runs.Count, plan.Generators.Count, conditions, tokens, speed, TimeSpan.FromSeconds(seconds), warnings);
    }

    private static long TrainingTokens(RunConfig config, double perPair)
    {
        var budget = (long)config.Training.MaxSteps * config.Training.TokensPerBatch;
        return config.Training.Epochs is { } epochs ? Math.Min(budget, (long)(epochs * config.TrainSize * perPair)) : budget;
    }

    /// <summary>Measured with the training-speed benchmark on 2 cores (Small: 1,425 tokens/s), scaled by parameter count for other sizes.</summary>
    public static double TokensPerSecond(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var small = Cost(ModelConfig.Small);
        return 1_425 * small / Cost(model);
    }

    private static double SentencesPerSecond(ModelConfig model, int beam) => 40.0 * Cost(ModelConfig.Small) / Cost(model) / Math.Max(1, beam / 2.0);

    private static double EvaluationSeconds(RunConfig config, double perPair)
    {
        var evaluations = config.Training.Epochs is null ? Math.Max(1, config.Training.MaxSteps / config.Training.EvaluateEvery) : 1;
        return ((evaluations * config.DevSize) + config.TestSize) / SentencesPerSecond(config.Model, 1) * Math.Max(1, perPair / 16);
    }

    // Work per token grows with layers × d² (projections) plus the vocabulary projection.
    private static double Cost(ModelConfig model) =>
        ((model.EncoderLayers + (1.5 * model.DecoderLayers)) * ((4.0 * model.DModel * model.DModel) + (2.0 * model.DModel * model.FeedForward)))
        + (2.0 * model.DModel * model.VocabSize);
}
