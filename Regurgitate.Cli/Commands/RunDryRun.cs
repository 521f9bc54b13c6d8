using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate run spec.json --dry-run</c>: checks a spec as running it would before anything is stored (its fields,
/// the sizes and the generations' slices against the corpus's pool), prints the grid, each local generator's
/// generation and training set, and the estimate, and stops there: no database, no runs. Exit codes as for a run:
/// 0 the spec would start, 2 bad input.
/// </summary>
public static class RunDryRun
{
    public static async Task<int> CheckAsync(ExperimentSpec spec, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // As ExperimentPoolCheck does before a run is stored, except that a corpus not downloaded yet is said so
        // instead of passing silently. It resolves only the corpus loader and the dataset store, never the database.
        var plan = ExperimentGrid.Expand(spec);
        string pool;
        try
        {
            var sources = await ExperimentSources.SelectAsync(plan, services.GetRequiredService<CorpusLoader>(), cancellationToken);
            await services.GetRequiredService<ExperimentPoolCheck>().ThrowIfAlignedPoolTooSmallAsync(plan, sources, cancellationToken);
            pool = $"fits corpus '{spec.CorpusId}'";
        }
        catch (ExperimentSpecException ex)
        {
            foreach (var problem in ex.Errors)
            {
                await error.WriteLineAsync($"{problem.Field}: {problem.Message}");
            }

            return 2;
        }
        catch (IOException ex)
        {
            pool = $"was NOT checked against corpus '{spec.CorpusId}' ({ex.Message})";
        }

        var estimate = ExperimentEstimator.Estimate(spec);
        await output.WriteLineAsync($"Spec '{spec.Name}' is valid and {pool}: {CountText.Of(estimate.Runs, "grid run")} ({CountText.Of(estimate.Conditions, "condition")} × {CountText.Of(spec.Sizes.Count, "size")} × {CountText.Of(spec.Seeds.Count, "seed")}), {ExperimentBudgets.Describe(spec.Budget)}.");
        foreach (var job in plan.Generators)
        {
            await output.WriteLineAsync($"  generator '{job.Spec.Id}', generation {job.Generation}{(job.Generation > 1 ? $" ({job.Spec.Policy.ToString().ToLowerInvariant()})" : string.Empty)}: {job.TrainingRun.TrainSize:N0} pairs, {GenerationProvenance.TrainedOn(plan, job)}; translates {GenerationProvenance.Translated(job, plan.ExperimentSourceCount)}");
        }

        if (spec.Pretrain is { } pretrain)
        {
            await output.WriteLineAsync($"  pretraining: {pretrain.TrainSize:N0} pairs of '{pretrain.CorpusId}' (seed {pretrain.Seed}), scored on the '{spec.CorpusId}' test set before fine-tuning (the size-0 point); every grid run starts from it and uses its tokenizer");
        }

        await output.WriteLineAsync($"Estimated {estimate.Duration:h\\:mm\\:ss} on this machine. Dry run: nothing was stored or trained.");
        return 0;
    }

}
