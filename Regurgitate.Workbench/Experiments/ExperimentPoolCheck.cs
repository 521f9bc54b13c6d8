using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Training sizes an experiment's pool cannot hold, by their path (<c>sizes[i]</c>). The pool's size is known only
/// once the corpus is loaded (and, for the aligned pool, once the grid's synthetic sets exist), so these checks run
/// before an experiment is stored, in the designer's preview, and again when it starts, before its grid is queued.
/// </summary>
public sealed partial class ExperimentPoolCheck(CorpusLoader corpora, SyntheticDatasetRepository datasets, ILogger<ExperimentPoolCheck> logger)
{
    /// <summary>Sizes the pool cannot hold; empty when all fit, or when the corpus is not downloaded yet (checked again at the start).</summary>
    public async Task<IReadOnlyList<RunConfigError>> ErrorsAsync(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var plan = ExperimentGrid.Expand(spec);
            await ThrowIfAlignedPoolTooSmallAsync(plan, await ExperimentSources.SelectAsync(plan, corpora, cancellationToken), cancellationToken);
            return [];
        }
        catch (ExperimentSpecException ex)
        {
            return ex.Errors;
        }
        catch (IOException ex)
        {
            // A corpus not downloaded yet can still be designed for; the same check runs when the experiment starts.
            LogPoolNotChecked(spec.Name, ex.Message);
            return [];
        }
    }

    /// <summary>
    /// Sizes the sources every stored synthetic set of the grid translated cannot hold (under the spec's failure
    /// policy) are refused by their path, instead of each run quietly training on fewer pairs. Sets not generated
    /// yet (local generators before they ran) are checked when the experiment runs, before its grid is queued.
    /// </summary>
    public async Task ThrowIfAlignedPoolTooSmallAsync(ExperimentPlan plan, ExperimentSources sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sources);
        var ids = plan.Runs.SelectMany(r => r.Config.Mixture.GeneratorIds).Distinct(StringComparer.OrdinalIgnoreCase).Where(datasets.Exists).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var sets = new List<SyntheticTargetSet>();
        foreach (var id in ids)
        {
            sets.Add(await datasets.LoadAsync(id, cancellationToken));
        }

        var aligned = MixtureComposer.AlignedPoolSize(sources.Experiment, sets, plan.Spec.Failures);
        var kept = plan.Spec.Failures == FailurePolicy.DropEverywhere ? "translated successfully" : "attempted";
        PoolSizeCheck.ThrowIfTooLarge(plan.Spec, aligned, $"that every synthetic set of the grid ({string.Join(", ", ids)}) {kept}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sizes of experiment spec '{Name}' were not checked against its pool ({Reason}); they will be when it starts")]
    private partial void LogPoolNotChecked(string name, string reason);
}
