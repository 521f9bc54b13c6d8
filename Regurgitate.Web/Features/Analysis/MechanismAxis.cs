using System.Globalization;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>How the mechanisms page shows one training-set metric: its label, axis title and scale (rates in %).</summary>
/// <param name="Scale">Display value = stored value × scale (100 for shares, so slopes read per percentage point).</param>
/// <param name="Unit">The unit of one step of x for the slope ("pp", "type", …).</param>
public sealed record MechanismAxis(MechanismMetric Metric, string Label, string AxisTitle, string FileName, double Scale, string Format, string Unit)
{
    public static IReadOnlyList<MechanismAxis> All(double chrFThreshold, int tokenBudget) =>
    [
        new(MechanismMetric.ErrorRate, "error rate",
            string.Create(CultureInfo.InvariantCulture, $"training targets with chrF2 < {chrFThreshold:0.#} (%)"), "error-rate-vs-bleu", 100, "F1", "pp"),
        new(MechanismMetric.Mtld, "MTLD", "MTLD of training targets", "mtld-vs-bleu", 1, "F1", "MTLD point"),
        new(MechanismMetric.RarefiedVocabulary, "rarefied vocabulary",
            string.Create(CultureInfo.InvariantCulture, $"types expected in {tokenBudget:N0} tokens of training targets"), "vocabulary-vs-bleu", 1, "N0", "type"),
        new(MechanismMetric.SignalRate, "signal rate", "training pairs with any error signal (%)", "signals-vs-bleu", 100, "F1", "pp"),
    ];

    public double Display(MechanismsPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Scale * point.Value(Metric);
    }

    public string Text(MechanismsPoint point) => Display(point).ToString(Format, CultureInfo.InvariantCulture);
}
