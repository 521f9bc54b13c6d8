using System.Globalization;
using System.Text;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// The learning curve of a hosted experiment as text: one row per condition, one column per size (0 = the base
/// model), each cell the mean test BLEU over the seeds that produced a model ("n/N" beside it when some did not),
/// then every failed point with its reason.
/// </summary>
public static class HostedCurveTable
{
    public static string Format(HostedExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sizes = result.Points.Select(p => p.Size).Distinct().Order().ToList();
        var conditions = result.Points.Select(p => p.Condition).Distinct().ToList();
        var width = Math.Max(12, conditions.Select(c => c.Length).DefaultIfEmpty(0).Max() + 2);
        var text = new StringBuilder();
        text.Append("BLEU".PadRight(width)).Append("0".PadLeft(12));
        foreach (var size in sizes)
        {
            text.Append(size.ToString("N0", CultureInfo.InvariantCulture).PadLeft(12));
        }

        text.AppendLine();
        var zero = result.ZeroShot.Bleu is { } z ? z.ToString("0.00", CultureInfo.InvariantCulture) : "—";
        foreach (var condition in conditions)
        {
            text.Append(condition.PadRight(width)).Append(zero.PadLeft(12));
            foreach (var size in sizes)
            {
                var cell = result.Points.Where(p => p.Condition == condition && p.Size == size).ToList();
                var scored = cell.Where(p => p.Bleu is not null).Select(p => p.Bleu!.Value).ToList();
                var value = scored.Count == 0 ? "—" : scored.Average().ToString("0.00", CultureInfo.InvariantCulture);
                text.Append((scored.Count < cell.Count ? $"{value} {scored.Count}/{cell.Count}" : value).PadLeft(12));
            }

            text.AppendLine();
        }

        foreach (var failed in (IEnumerable<HostedCurvePoint>)[result.ZeroShot, .. result.Points])
        {
            if (failed.Failure is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"failed: {failed.Condition}, {failed.Size} pairs, seed {failed.Seed}: {failed.Failure}");
            }
        }

        return text.ToString();
    }
}
