using System.Globalization;
using System.Net;
using System.Text;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The comparison grid's cells that need no event handler, as one markup string per run: each cell as its own
/// elements, attributes and texts cost about 20 render frames (16 bytes each on the circuit, with every class and
/// value string repeated), so a row of the data grid was about 6 KB on the wire. Links need no handler either: Blazor
/// routes clicks on any <c>a href</c>.
/// </summary>
internal static class RunsGridMarkup
{
    /// <summary>Run (swatch and link), experiment, condition, size, real fraction, seed and status.</summary>
    public static string Identity(ComparisonRunRow row)
    {
        var id = row.Id.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(320)
            .Append("<td><span class=\"run-swatch\" style=\"background:").Append(Encode(RunColors.ForRun(row.Id))).Append("\"></span>")
            .Append("<a class=\"mud-typography mud-link mud-primary-text mud-link-underline-hover\" href=\"/runs/").Append(id)
            .Append("\" data-testid=\"run-link\">#").Append(id).Append("</a></td>");
        Cell(text, row.ExperimentName);
        Cell(text, row.Condition ?? string.Empty);
        Cell(text, row.TrainSize.ToString(CultureInfo.InvariantCulture));
        Cell(text, row.RealFraction.ToString("0.##", CultureInfo.InvariantCulture));
        Cell(text, row.Seed.ToString(CultureInfo.InvariantCulture));
        return text.Append("<td><span class=\"run-status ").Append(RunStatusChip.ColorClassOf(row.Status))
            .Append("\" data-testid=\"run-status\">").Append(row.Status).Append("</span></td>").ToString();
    }

    /// <summary>Test BLEU and each metric's last, best and best-smoothed values.</summary>
    public static string Scores(ComparisonRunRow row, IReadOnlyList<string> metrics, IReadOnlyDictionary<string, MetricSummary>? summaries)
    {
        var text = new StringBuilder(40 + (metrics.Count * 48));
        Cell(text, ScoreText.Format(row.TestBleu));
        foreach (var metric in metrics)
        {
            var summary = summaries is not null && summaries.TryGetValue(metric, out var s) ? s : null;
            Cell(text, Format(metric, summary?.Last));
            Cell(text, Format(metric, summary?.Best));
            Cell(text, Format(metric, summary?.BestSmoothed));
        }

        return text.ToString();
    }

    /// <summary>The run's tags as chips (the edit button beside them needs a handler, so it stays in the component).</summary>
    public static string Tags(ComparisonRunRow row) =>
        string.Concat(row.Tags.Select(t => "<span class=\"run-tag\">" + Encode(t) + "</span>"));

    // BLEU and chrF with the precision they have everywhere else; losses and rates keep three decimals.
    internal static string Format(string metric, double? value) => value is { } v && double.IsFinite(v)
        ? ScoreText.IsScoreMetric(metric) ? ScoreText.Format(v)
            : Math.Abs(v) >= 100 ? v.ToString("F1", CultureInfo.InvariantCulture) : v.ToString("F3", CultureInfo.InvariantCulture)
        : ScoreText.NoValue;

    private static void Cell(StringBuilder text, string value) => text.Append("<td>").Append(Encode(value)).Append("</td>");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
