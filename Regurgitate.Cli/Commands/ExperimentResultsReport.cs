using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Mitigation;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// An experiment's results as text — generators, budget, the learning-curve table, BLEU by generation for iterated generations, paired differences with their
/// intervals, scorer agreement and the seed plan — printed by <c>regurgitate run</c> when a spec ends and by
/// <c>regurgitate experiment report ID</c> at any time (completed runs only while it is unfinished).
/// </summary>
public static class ExperimentResultsReport
{
    /// <summary>Prints the stored results of the experiment; nothing when there is no such experiment.</summary>
    public static async Task PrintAsync(IServiceProvider services, int experimentId, double resolve, TextWriter output, CancellationToken cancellationToken)
    {
        var detail = await services.GetRequiredService<IExperimentQueries>().GetAsync(experimentId, cancellationToken);
        if (detail is null)
        {
            return;
        }

        foreach (var generator in detail.Runs.Where(r => r.Role is RunRole.Generator or RunRole.Scorer or RunRole.Pretraining))
        {
            var parameters = generator.ParameterCount is { } count ? $", {count:N0} parameters" : string.Empty;
            await output.WriteLineAsync(generator.Role == RunRole.Pretraining
                ? PretrainingLine(generator, detail.Spec, parameters)
                : $"{(generator.Role == RunRole.Generator ? "Generator" : "Scorer model")} {generator.Condition} (run {generator.RunId}, {generator.TrainSize:N0} pairs{parameters}): test BLEU {ScoreText.Format(generator.TestBleu)}");
        }

        // Runs with their own tokenizer can end with slightly different vocabularies, so each distinct size is listed.
        var modelSizes = detail.Runs.Where(r => r.Role == RunRole.Grid && r.ParameterCount is not null)
            .GroupBy(r => r.ParameterCount!.Value)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key:N0} ({CountText.Of(g.Count(), "run")})")
            .ToList();
        if (modelSizes.Count > 0)
        {
            await output.WriteLineAsync($"Trainable parameters per model: {string.Join(", ", modelSizes)}");
        }

        if (detail.Spec is { } spec)
        {
            await output.WriteLineAsync(TestReferenceText.Describe(spec.References));
            await output.WriteLineAsync(ExperimentBudgets.Describe(spec.Budget));
        }

        var fineTuned = detail.Runs.Any(r => r.Role == RunRole.Pretraining && r.Condition == Engine.Experiments.Design.FineTuning.ZeroShotCondition);
        await output.WriteLineAsync("Test BLEU by training size (mean ± sd over seeds; mean steps and target tokens trained"
            + (fineTuned ? "; size 0 is the pretrained model before fine-tuning):" : "):"));
        foreach (var series in LearningCurve.From(detail.Runs, pretrainedAtSizeZero: true))
        {
            await output.WriteLineAsync($"  {series.Condition,-30} " + string.Join("  ", series.Points.Select(p =>
                $"{p.Size,6}: {ScoreText.Format(p.Mean),5} ± {ScoreText.Format(p.StandardDeviation)}" + (TrainingBudgetText.Of(p) is { } budget ? $" ({budget})" : string.Empty))));
        }

        // An iterated-generations design's question is how BLEU falls from one generation to the next under each policy.
        var generations = GenerationCurveText.Lines(GenerationCurve.From(detail.Spec, LearningCurve.From(detail.Runs)));
        if (generations.Count > 0)
        {
            await output.WriteLineAsync();
            foreach (var line in generations)
            {
                await output.WriteLineAsync(line);
            }
        }

        // Every design with real data and another condition gets the paired differences with their intervals: a
        // single synthetic source too, where the table is the real-minus-synthetic difference the study is about.
        if (detail.Spec is { } compared
            && await services.GetRequiredService<IStrategyComparisonService>().CompareAsync(experimentId, null, cancellationToken) is { } comparison)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(compared is { Strategies.Count: 0, SyntheticSources.Count: <= 1 }
                ? $"Real data against '{comparison.BaselineCondition}' (paired by seed: difference in BLEU, bootstrap interval over seeds and test segments, then t-interval over seeds):"
                : "Strategies against the baseline (differences in BLEU first; the share of the real-data gap closed only where real data is measurably better):");
            await output.WriteLineAsync(StrategyComparisonText.Markdown(comparison));
        }

        foreach (var insight in await services.GetRequiredService<StrategyInsightsService>().GetAsync(experimentId, cancellationToken))
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Strategy '{insight.Strategy}' scoring (τ-b, ρ, r: rank agreement with the oracle, sentence chrF against the human reference):");
            await output.WriteAsync(ScorerAgreementText.Markdown(insight));
        }

        await output.WriteLineAsync();
        foreach (var line in SeedPlanText.Lines(SeedPlanning.From(detail.Runs, resolve)))
        {
            await output.WriteLineAsync(line);
        }
    }

    /// <summary>The pretrained model, scored on its own corpus's test set, and again on the experiment's before fine-tuning.</summary>
    private static string PretrainingLine(ExperimentRunRow run, Engine.Experiments.Design.ExperimentSpec? spec, string parameters) =>
        run.Condition == Engine.Experiments.Design.FineTuning.ZeroShotCondition
            ? $"Pretrained model on the {spec?.CorpusId ?? "experiment's"} test set before fine-tuning (run {run.RunId}, the size-0 point): test BLEU {ScoreText.Format(run.TestBleu)}"
            : $"Pretrained model (run {run.RunId}, {run.TrainSize:N0} pairs of {spec?.Pretrain?.CorpusId ?? "its corpus"}{parameters}): test BLEU {ScoreText.Format(run.TestBleu)} on its own test set";
}
