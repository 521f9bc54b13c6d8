using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Threading;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Runs an experiment's grid as hosted fine-tuning jobs: each grid point's training set is composed exactly as a
/// from-scratch run's would be (<see cref="TrainingSetComposer"/>: same pool, mixture, seed), fine-tuned through
/// <see cref="HostedFineTuningBackend"/> and scored on the experiment's test set by <see cref="HostedEvaluator"/>; the
/// base model's zero-shot score is the size-0 point. The cost estimate is handed to the caller before any job starts.
/// A grid point whose job fails, or that the budget stops, is a point with the reason, never left out.
/// </summary>
public sealed class HostedExperimentRunner(CorpusLoader corpora, TrainingSetComposer composer, HostedFineTuningOptions options, LlmGeneratorOptions chat, ILoggerFactory? loggers = null)
{
    /// <summary>The condition under which the base model's score is reported.</summary>
    public const string BaseModelCondition = "base model";

    /// <summary>Each grid point with its job: its composed training pairs (German → English) and its seed.</summary>
    public async Task<IReadOnlyList<(GridPoint Point, HostedJobRequest Job)>> JobsAsync(ExperimentPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Spec.Pretrain is not null)
        {
            throw new ArgumentException("A hosted fine-tuning experiment fine-tunes the provider's base model; the spec's pretrain section belongs to in-process fine-tuning.", nameof(plan));
        }

        var jobs = new List<(GridPoint, HostedJobRequest)>();
        foreach (var point in plan.Runs)
        {
            var splits = await corpora.LoadSplitsAsync(SplitRequest.From(point.Config), null, cancellationToken).ConfigureAwait(false);
            var (examples, _) = composer.Compose(point.Config, splits, _ => { }, cancellationToken);
            jobs.Add((point, new HostedJobRequest(Label(point), [.. examples.Select(e => e.Pair)], point.Seed)));
        }

        return jobs;
    }

    /// <param name="directory">The experiment's folder: the hosted journal and the evaluation journals.</param>
    /// <param name="beforeLaunch">Receives the estimate before the first job is created.</param>
    public async Task<HostedExperimentResult> RunAsync(
        ExperimentPlan plan,
        string directory,
        Action<HostedCostEstimate>? beforeLaunch,
        IProgress<HostedFineTuningProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var jobs = await JobsAsync(plan, cancellationToken).ConfigureAwait(false);
        var first = plan.Runs[0].Config;
        var test = (await corpora.LoadSplitsAsync(SplitRequest.From(first), null, cancellationToken).ConfigureAwait(false)).Test;
        var factory = loggers ?? NullLoggerFactory.Instance;
        await using var backend = new HostedFineTuningBackend(options, directory, factory.CreateLogger<HostedFineTuningBackend>());
        var estimate = backend.Estimate([.. jobs.Select(j => j.Job)]);
        beforeLaunch?.Invoke(estimate);

        var zeroShot = await ScoreAsync(
            new HostedCurvePoint(BaseModelCondition, 0, plan.Spec.Seeds[0], chat.Model, null, null, null),
            () => HostedEvaluator.EvaluateDeploymentAsync(options, chat, BaseModelCondition, chat.Model, test, directory, factory.CreateLogger<LlmGenerator>(), cancellationToken)).ConfigureAwait(false);

        var points = new HostedCurvePoint[jobs.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, jobs.Count),
            CallerParallelism.Options(cancellationToken, options.MaxConcurrentJobs),
            async (i, token) =>
            {
                var (point, job) = jobs[i];
                var pending = new HostedCurvePoint(point.Condition, point.Size, point.Seed, null, null, null, null);
                points[i] = await ScoreAsync(pending, async () =>
                {
                    var result = await backend.RunAsync(job, progress, token).ConfigureAwait(false);
                    return await HostedEvaluator.EvaluateAsync(options, chat, result, test, directory, factory.CreateLogger<LlmGenerator>(), token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return new HostedExperimentResult(estimate, zeroShot, points);
    }

    public static string Label(GridPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var strategy = point.Strategy is null or "random" ? "" : $" · {point.Strategy}";
        return $"{point.Condition}{strategy} · {point.Size} pairs · seed {point.Seed}";
    }

    /// <summary>The point with its scores, or with the reason it has none (a refusal, a failed job, the budget).</summary>
    private static async Task<HostedCurvePoint> ScoreAsync(HostedCurvePoint point, Func<Task<HostedEvaluationResult>> evaluate)
    {
        try
        {
            var scored = await evaluate().ConfigureAwait(false);
            return point with { Model = scored.Deployment, Bleu = scored.Bleu.Score, ChrF = scored.ChrF.Score };
        }
        catch (Exception ex) when (ex is HostedFineTuningException or HostedBudgetExceededException or LlmGenerationAbortedException or LlmBudgetExceededException)
        {
            return point with { Failure = ex.Message };
        }
    }
}
