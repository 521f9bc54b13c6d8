using System.Globalization;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// The BLEU-by-generation curve of an iterated-generations design (<see cref="GenerationCurve"/>) as a small text table
/// for the experiment report: per training size, one row per policy and one column per generation (0 is the real data),
/// each cell mean ± sample standard deviation (seeds). Real data and generation 1 repeat in every row because every
/// policy starts from them; a generation a policy has no completed seed for shows a dash.
/// </summary>
internal static class GenerationCurveText
{
    public const string Heading = "Test BLEU by generation (mean ± sd over seeds (n); generation 0 trained on real pairs, k on generation k's translations):";

    /// <summary>The heading and table rows; nothing when there is no curve (a design without chained generators).</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<GenerationCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return [];
        }

        var lines = new List<string> { Heading };
        var generations = Enumerable.Range(0, points.Max(p => p.Generation) + 1).ToList();
        foreach (var size in points.GroupBy(p => p.Size))
        {
            var rows = size.GroupBy(p => p.Policy)
                .Select(policy => (Label: policy.Key.ToString().ToLowerInvariant(), Cells: generations.Select(g => Cell([.. policy.Where(p => p.Generation == g)])).ToList()))
                .ToList();
            var header = (Label: $"{size.Key.ToString("N0", CultureInfo.InvariantCulture)} pairs", Cells: generations.Select(g => g == 0 ? "real" : $"gen {g}").ToList());
            var labelWidth = rows.Select(r => r.Label).Append(header.Label).Max(l => l.Length);
            var widths = generations.Select(g => rows.Select(r => r.Cells[g]).Append(header.Cells[g]).Max(c => c.Length)).ToList();
            foreach (var (label, cells) in rows.Prepend(header))
            {
                lines.Add("  " + label.PadRight(labelWidth) + string.Concat(cells.Select((c, i) => "  " + c.PadRight(widths[i]))).TrimEnd());
            }
        }

        return lines;
    }

    // Two conditions at one generation of one policy (two gen1 generators, say) are both shown, never averaged together.
    private static string Cell(IReadOnlyList<GenerationCurvePoint> points) => points.Count == 0
        ? ScoreText.NoValue
        : string.Join("; ", points.Select(p => $"{ScoreText.Number(p.Mean)} ± {ScoreText.Format(p.StandardDeviation)} ({p.Seeds})"));
}
