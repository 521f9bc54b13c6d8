using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// A rough cost of a spec before it runs. Training tokens = Σ over runs of epochs × size × typical target subword
/// tokens per pair of the corpus (measured once with a 4k BPE vocabulary); time = tokens ÷ the training speed this
/// machine reaches for the model size, plus per-run set-up and dev/test decoding, plus the generators' translations.
/// Runs bounded by MaxSteps rather than epochs count MaxSteps × TokensPerBatch. The constants are calibrated on 2 CPU
/// cores (README): the acceptance experiment is estimated at 12 min 27 s and took 13 min 28 s.
/// </summary>
public static class ExperimentEstimator
{
    /// <summary>Loading and splitting the corpus, encoding, building the model: measured at about 5 s per run.</summary>
    private const double RunSetUpSeconds = 5;

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

        // An unknown corpus is refused by validation; 25 keeps the estimate finite while a spec is being typed.
        var perPair = CorpusCatalog.Find(spec.CorpusId)?.TargetTokensPerPair ?? 25;
        double seconds = 0;
        long tokens = 0;
        // The scorer models of quality strategies: a forward and a reverse model on the held-out pairs.
        IEnumerable<RunConfig> scorers = plan.ScorerTrainingRun is { } scorer ? [scorer, scorer] : [];
        foreach (var config in plan.Runs.Select(r => r.Config).Concat(plan.Generators.Select(g => g.TrainingRun)).Concat(scorers))
        {
            var runTokens = TrainingTokens(config, perPair);
            tokens += runTokens;
            seconds += RunSetUpSeconds + (runTokens / TokensPerSecond(config.Model)) + EvaluationSeconds(config, perPair);
        }

        if (plan.PretrainingRun is { } pretraining)
        {
            // Pretrained once on its own corpus; then scored on the experiment's test set without training (the size-0 point).
            var pretrainingPerPair = CorpusCatalog.Find(pretraining.CorpusId)?.TargetTokensPerPair ?? 25;
            var pretrainingTokens = TrainingTokens(pretraining, pretrainingPerPair);
            tokens += pretrainingTokens;
            seconds += (2 * RunSetUpSeconds) + (pretrainingTokens / TokensPerSecond(pretraining.Model)) + EvaluationSeconds(pretraining, pretrainingPerPair)
                + EvaluationSeconds(plan.Runs[0].Config with { DevSize = 0 }, perPair);
        }

        foreach (var generator in plan.Generators)
        {
            // Beam translation of the experiment's (and possibly the next generation's slice and the held-out) sources.
            seconds += (plan.ExperimentSourceCount + (generator.NextSlice?.Count ?? 0) + plan.HeldOutCount) / SentencesPerSecond(generator.Spec.Model, generator.Spec.BeamSize) * Math.Max(1, perPair / 16);
        }

        if (plan.ScorerTrainingRun is { } scorerRun)
        {
            // Round-trip scoring translates every ordered pair back greedily; the model score costs about a tenth of that.
            var scored = plan.Scorings.Where(j => j.Strategy.Order == StrategyOrder.Quality).Sum(j => j.GeneratorIds.Count) * Math.Max(plan.ExperimentSourceCount, spec.Sizes.Max());
            seconds += 1.1 * scored / SentencesPerSecond(scorerRun.Model, 1) * Math.Max(1, perPair / 16);
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

    /// <summary>
    /// Training speed scaled by the per-token work relative to the Small model. 1,100 tokens/s for Small (the
    /// training-speed benchmark gave 1,425 with long batches; experiments' shorter, length-bucketed batches and
    /// smaller models run less efficiently: a d-128 model measured 7,500 where pure scaling predicts 9,700).
    /// </summary>
    public static double TokensPerSecond(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return 1_100 * Cost(ModelConfig.Small) / Cost(model);
    }

    /// <summary>
    /// Decoding speed: Small decodes ~100 sentences/s greedily and ~50 with beam 5 (decode-speed benchmark). Smaller
    /// models gain only with the square root of their lower work, because per-step overhead dominates them.
    /// </summary>
    private static double SentencesPerSecond(ModelConfig model, int beam) =>
        100.0 * Math.Sqrt(Cost(ModelConfig.Small) / Cost(model)) / (1 + (0.2 * beam));

    private static double EvaluationSeconds(RunConfig config, double perPair)
    {
        var evaluations = config.Training.Epochs is null ? Math.Max(1, config.Training.MaxSteps / config.Training.EvaluateEvery) : 1;
        var lengthFactor = Math.Max(1, perPair / 16);
        var testBeam = config.TestDecoding.Strategy == Engine.Decoding.DecodingStrategy.Beam ? config.TestDecoding.BeamSize : 1;
        return ((evaluations * config.DevSize / SentencesPerSecond(config.Model, 1)) + (config.TestSize / SentencesPerSecond(config.Model, testBeam))) * lengthFactor;
    }

    // Work per token grows with layers × d² (projections) plus the vocabulary projection.
    private static double Cost(ModelConfig model) =>
        ((model.EncoderLayers + (1.5 * model.DecoderLayers)) * ((4.0 * model.DModel * model.DModel) + (2.0 * model.DModel * model.FeedForward)))
        + (2.0 * model.DModel * model.VocabSize);
}
