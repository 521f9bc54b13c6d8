using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Mitigation.Detection;
using Regurgitate.Engine.Mitigation.Quality;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// Everything ordered strategies need before the grid runs, each step skipped when an earlier attempt finished it:
/// the held-out and experiment human sets, the forward and reverse scorer models (trained on the held-out pairs), and
/// per strategy the scores of every synthetic set it orders — quality scores from reference-free scorers combined by
/// the strategy's weights, or a human-vs-machine detector's probability of being human, the detector trained on
/// held-out sources only. Either way the reference-based oracle is stored beside the scores for analysis, never used
/// to order.
/// </summary>
public sealed partial class StrategyPreparation(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IRunLauncher launcher,
    Folders.ArtifactFolders folders,
    SyntheticDatasetRepository datasets,
    ILogger<StrategyPreparation> logger)
{
    public const string DetectorFileName = "detector.bin";
    public const string ForwardScorer = "scorer/forward";
    public const string ReverseScorer = "scorer/reverse";

    public async Task PrepareAsync(int experimentId, ExperimentPlan plan, ExperimentSources sources, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sources);
        if (plan.HeldOutCount == 0)
        {
            return;
        }

        if (!datasets.Exists(plan.HeldOutRealDatasetId!))
        {
            await datasets.SaveAsync(sources.HeldOutRealSet(plan.HeldOutRealDatasetId!), cancellationToken);
        }

        if (!datasets.Exists(plan.ExperimentPoolDatasetId!))
        {
            await datasets.SaveAsync(sources.ExperimentRealSet(plan.ExperimentPoolDatasetId!), cancellationToken);
        }

        var pending = plan.Scorings.Where(job => !job.GeneratorIds.All(id => PairScoreStore.Exists(job.Directory, id))).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var synthetic = plan.Runs.SelectMany(r => r.Config.Mixture.Synthetic).Select(s => s.GeneratorId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var sets = new Dictionary<string, SyntheticTargetSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in synthetic)
        {
            sets[id] = await datasets.LoadAsync(id, cancellationToken);
        }

        string? forward = null, reverse = null;
        if (plan.ScorerTrainingRun is { } scorerRun && pending.Any(j => j.Strategy.Order == StrategyOrder.Quality))
        {
            forward = await TrainScorerAsync(experimentId, ForwardScorer, scorerRun, plan, progress, cancellationToken);
            reverse = await TrainScorerAsync(experimentId, ReverseScorer, scorerRun with { Reverse = true }, plan, progress, cancellationToken);
        }

        foreach (var job in pending)
        {
            Report(progress, plan, $"Scoring the synthetic pairs for strategy '{job.Strategy.Name}'");
            if (job.Strategy.Order == StrategyOrder.Quality)
            {
                await ScoreQualityAsync(job, plan, sources, sets, forward, reverse, progress, cancellationToken);
            }
            else
            {
                await ScoreDetectorAsync(job, plan, sources, sets, progress, cancellationToken);
            }
        }
    }

    private async Task<string> TrainScorerAsync(int experimentId, string name, RunConfig config, ExperimentPlan plan, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        var runId = await ExperimentRuns.FindReusableAsync(contextFactory, experimentId, RunRole.Scorer, name, config.TrainSize, config.Seed, cancellationToken);
        if (runId is null)
        {
            Report(progress, plan, $"Training the {name} model on {config.TrainSize:N0} held-out pairs");
            runId = await launcher.StartAsync(new RunPlacement(experimentId, RunRole.Scorer, name), config, cancellationToken);
        }

        var status = await launcher.WhenFinishedAsync(runId.Value, cancellationToken);
        if (status != RunStatus.Completed)
        {
            throw new InvalidOperationException($"The {name} model (run {runId}) ended {status.ToString().ToLowerInvariant()}; the quality scores need it.");
        }

        return await folders.VerifyRunAsync(runId.Value, cancellationToken);
    }

    private async Task ScoreQualityAsync(
        ScoringJob job,
        ExperimentPlan plan,
        ExperimentSources sources,
        IReadOnlyDictionary<string, SyntheticTargetSet> sets,
        string? forwardDirectory,
        string? reverseDirectory,
        IProgress<ExperimentProgress>? progress,
        CancellationToken cancellationToken)
    {
        var weights = job.Strategy.EffectiveWeights.Where(w => w.Value > 0).ToList();
        using var forward = weights.Any(w => w.Key == "model") ? TrainedModel.FromRunDirectory(forwardDirectory!) : null;
        using var reverse = weights.Any(w => w.Key == "roundtrip") ? TrainedModel.FromRunDirectory(reverseDirectory!) : null;
        var oracle = Oracle();
        foreach (var generatorId in job.GeneratorIds)
        {
            var set = sets[generatorId];
            var others = sets.Where(s => !s.Key.Equals(generatorId, StringComparison.OrdinalIgnoreCase)).Select(s => s.Value).ToList();
            var inputs = new List<QualityInput>();
            foreach (var pair in sources.Experiment)
            {
                if (set.TryGetTarget(pair.Source, out var target))
                {
                    var alternatives = new List<string>();
                    foreach (var other in others)
                    {
                        if (other.TryGetTarget(pair.Source, out var alternative))
                        {
                            alternatives.Add(alternative);
                        }
                    }

                    inputs.Add(new QualityInput(pair.Source, target, alternatives, pair.Target));
                }
            }

            var components = new List<(string Name, IReadOnlyList<double?> Scores)>();
            foreach (var (name, _) in weights)
            {
                IQualityScorer scorer = name switch
                {
                    "consensus" => new ConsensusChrFScorer(),
                    "consensus-bleu" => new ConsensusBleuScorer(),
                    "model" => new ModelScoreScorer(forward!),
                    "roundtrip" => new RoundTripScorer(reverse!),
                    "signals" => new ErrorSignalScorer(),
                    _ => throw new InvalidOperationException($"Unknown scorer '{name}'."),
                };
                var fraction = new SynchronousProgress<double>(f => Report(progress, plan, $"Scoring {generatorId} with {name} ({inputs.Count:N0} pairs)", f));
                components.Add((name, await scorer.ScoreAsync(inputs, fraction, cancellationToken)));
            }

            var combined = CombinedScorer.Combine([.. components.Select(c => c.Scores)], [.. weights.Select(w => w.Value)]);
            var reference = await oracle.ScoreAsync(inputs, null, cancellationToken);
            var scores = inputs.Select((input, i) =>
            {
                var parts = components.ToDictionary(c => c.Name, c => c.Scores[i]);
                parts[oracle.Name] = reference[i];
                return new PairScore(input.Source, combined[i], parts);
            });
            await PairScoreStore.SaveAsync(new PairScores("quality", generatorId, isOracle: false, scores), job.Directory, cancellationToken);
            LogScored(job.Strategy.Name, generatorId, inputs.Count);
        }
    }

    private async Task ScoreDetectorAsync(
        ScoringJob job,
        ExperimentPlan plan,
        ExperimentSources sources,
        IReadOnlyDictionary<string, SyntheticTargetSet> sets,
        IProgress<ExperimentProgress>? progress,
        CancellationToken cancellationToken)
    {
        var examples = new List<DetectorExample>();
        var human = new HashSet<string>(SourceKey.Comparer);
        foreach (var generatorId in job.GeneratorIds)
        {
            // A local generator translated the held-out sources into a set of their own; published outputs cover the pool.
            var local = plan.Generators.FirstOrDefault(g => g.DatasetId.Equals(generatorId, StringComparison.OrdinalIgnoreCase));
            var heldOut = local is null ? sets[generatorId] : await datasets.LoadAsync(local.HeldOutDatasetId, cancellationToken);
            foreach (var pair in sources.HeldOut)
            {
                if (heldOut.TryGetTarget(pair.Source, out var machine))
                {
                    var key = SourceKey.Of(pair.Source);
                    if (human.Add(key))
                    {
                        examples.Add(new DetectorExample(key, pair.Target, IsHuman: true));
                    }

                    examples.Add(new DetectorExample(key, machine, IsHuman: false));
                }
            }
        }

        if (human.Count < 20)
        {
            throw new InvalidOperationException($"Strategy '{job.Strategy.Name}': only {human.Count} held-out sources have a machine translation; the detector needs at least 20.");
        }

        var fraction = new SynchronousProgress<double>(f => Report(progress, plan, $"Training the detector of '{job.Strategy.Name}' on {examples.Count:N0} held-out texts", f));
        var (detector, report) = await Task.Run(
            () => DetectorTraining.TrainAndEvaluate(examples, plan.Spec.Mitigation.DetectorTestFraction, new DetectorOptions { Seed = plan.Spec.Mitigation.Seed }, fraction, cancellationToken),
            cancellationToken);
        Directory.CreateDirectory(job.Directory);
        detector.Save(Path.Combine(job.Directory, DetectorFileName));
        await StrategyInsightsService.WriteDetectorReportAsync(job.Directory, report, cancellationToken);
        LogDetector(job.Strategy.Name, report.RocAuc, report.Accuracy, report.TestExamples);

        var oracle = Oracle();
        foreach (var generatorId in job.GeneratorIds)
        {
            var set = sets[generatorId];
            var pairs = sources.Experiment.Where(p => set.Covers(p.Source)).ToList();
            var targets = pairs.Select(p => set.TryGetTarget(p.Source, out var target) ? target : "").ToList();
            var probabilities = await Task.Run(() => detector.ProbabilityHuman(targets), cancellationToken);

            // The oracle is stored beside the probability for the scorer-agreement table only; it never orders data.
            var reference = await oracle.ScoreAsync([.. pairs.Select((p, i) => new QualityInput(p.Source, targets[i], [], p.Target))], null, cancellationToken);
            var scores = pairs.Select((p, i) => new PairScore(p.Source, probabilities[i], new Dictionary<string, double?> { [oracle.Name] = reference[i] }));
            await PairScoreStore.SaveAsync(new PairScores("detector", generatorId, isOracle: false, scores), job.Directory, cancellationToken);
            LogScored(job.Strategy.Name, generatorId, pairs.Count);
        }
    }

    /// <summary>Sentence chrF against the human reference, stored under the name the insights read it back by.</summary>
    private static OracleChrFScorer Oracle()
    {
        var oracle = new OracleChrFScorer();
        if (oracle.Name != StrategyInsightsService.OracleComponent)
        {
            throw new InvalidOperationException($"The oracle is stored as '{StrategyInsightsService.OracleComponent}' but named '{oracle.Name}'.");
        }

        return oracle;
    }

    private static void Report(IProgress<ExperimentProgress>? progress, ExperimentPlan plan, string message, double? fraction = null) =>
        progress?.Report(new ExperimentProgress("Preparing", message, 0, plan.Runs.Count, fraction));

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {Strategy}: scored {Count} pairs of {GeneratorId}")]
    private partial void LogScored(string strategy, string generatorId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {Strategy}: detector ROC AUC {Auc:0.000}, accuracy {Accuracy:0.000} on {TestExamples} held-out texts")]
    private partial void LogDetector(string strategy, double auc, double accuracy, int testExamples);
}
