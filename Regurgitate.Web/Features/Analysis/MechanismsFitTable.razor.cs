using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Analysis;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>Slope, Pearson r and Spearman ρ of test BLEU on each training-set metric, with their bootstrap intervals and n.</summary>
public partial class MechanismsFitTable
{
    [Parameter, EditorRequired]
    public MechanismsResult Result { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<MechanismAxis> Axes { get; set; } = [];

    private RelationFit Fit0 => Result.Fits[0].Fit;

    /// <summary>"v [low, high]" with the values scaled; "–" when undefined (x or BLEU constant over the runs).</summary>
    public static string Estimate(IntervalEstimate? estimate, double scale, string format)
    {
        if (estimate is null)
        {
            return "–";
        }

        string F(double v) => (scale * v).ToString(format, CultureInfo.InvariantCulture);
        return estimate is { Low: { } low, High: { } high } ? $"{F(estimate.Value)} [{F(low)}, {F(high)}]" : F(estimate.Value);
    }

    private static string Percent(double confidence) => (100 * confidence).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
