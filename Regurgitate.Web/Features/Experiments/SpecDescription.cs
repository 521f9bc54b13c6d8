using System.Globalization;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The designer's description of a spec as it stands: the template's purpose sentence followed by a summary written
/// from the values (corpus, conditions, sizes, fractions, generators, pretraining, seeds, model, budget), so that a template shrunk
/// to two sizes and one seed no longer describes the original design. The designer writes it after every change until
/// the researcher edits the description; clearing the field hands it back to the designer.
/// </summary>
public static class SpecDescription
{
    /// <param name="corpusName">The display name of a corpus id (the dataset catalogue's).</param>
    public static string Compose(string? purpose, ExperimentSpec spec, Func<string, string> corpusName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var summary = Summarize(spec, corpusName);
        return string.IsNullOrWhiteSpace(purpose) ? summary : $"{purpose.Trim()} {summary}";
    }

    public static string Summarize(ExperimentSpec spec, Func<string, string> corpusName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var conditions = spec.SyntheticSources.Count == 0
            ? "real data only"
            : $"real data vs {List(spec.SyntheticSources.Select(s => s.Label))}";
        var parts = new List<string>
        {
            $"{corpusName(spec.CorpusId)}: {conditions} at {List(spec.Sizes.Select(Number))} pairs",
        };
        if (spec.SyntheticSources.Count > 0)
        {
            parts.Add($"real fractions {List(spec.RealFractions.Select(Number))}");
        }

        if (spec.Generators.Count > 0)
        {
            parts.Add($"local generators {List(spec.Generators.Select(Generator))}");
        }

        if (spec.Pretrain is { } pretrain)
        {
            parts.Add($"every run fine-tunes a model pretrained on {Number(pretrain.TrainSize)} {corpusName(pretrain.CorpusId)} pairs, whose own score is the size-0 point");
        }

        parts.Add($"{Plural(spec.Seeds.Count, "seed")} ({List(spec.Seeds.Select(Number))})");
        parts.Add($"{SpecForm.PresetOf(spec.Model)} model, {Budget(spec.Budget)}");
        return string.Join("; ", parts) + ".";
    }

    private static string Generator(LocalGeneratorSpec generator) =>
        $"{generator.Id} ({Number(generator.TrainSize)} pairs from {(generator.TrainOn == ExperimentGrid.RealCondition ? "real data" : generator.TrainOn)})";

    private static string Budget(TrainingBudget budget) => budget switch
    {
        TrainingBudget.MatchedSteps => "matched steps",
        TrainingBudget.MatchedTokens => "matched target tokens",
        _ => "epochs per run",
    };

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count switch
        {
            0 => "none",
            1 => all[0],
            _ => $"{string.Join(", ", all.Take(all.Count - 1))} and {all[^1]}",
        };
    }
}
