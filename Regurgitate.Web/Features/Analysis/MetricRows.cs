using System.Globalization;
using Regurgitate.Engine.Analysis;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>One metric of the comparison table: its name, its parameters (shown as a tooltip) and one cell per side.</summary>
public sealed record MetricRow(string Metric, string Parameters, IReadOnlyList<string> Cells);

/// <summary>
/// The rows of <see cref="DatasetReportTable"/> for the page: the same metrics and formatting, with the parameters
/// moved out of the name into <see cref="MetricRow.Parameters"/>, and a CSV form of the table.
/// </summary>
public static class MetricRows
{
    public static IReadOnlyList<MetricRow> Build(DatasetReportResult report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var d = report.Options.Diversity;
        var e = report.Options.Errors;
        var rows = new List<MetricRow>();
        void Row(string name, string parameters, Func<SideReport, string> cell) => rows.Add(new MetricRow(name, parameters, [.. report.Sides.Select(cell)]));
        string F(double v, int digits) => double.IsNaN(v) ? "–" : v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string P(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + " %";
        string Signal(SideReport s, Func<ErrorSignalSummary, double> rate) => s.Signals is { } x ? P(rate(x)) : "–";
        var sample = FormattableString.Invariant($"{report.SampleSize:N0} sentences per side, seed {report.Seed}");

        Row("sentences (failed)", sample, s => FormattableString.Invariant($"{s.Sentences:N0} ({s.Failed})"));
        Row("tokens", "13a tokens, punctuation dropped, lowercased", s => s.Diversity.Tokens.ToString("N0", CultureInfo.InvariantCulture));
        Row("vocabulary (types)", "distinct lowercased tokens", s => s.Diversity.VocabularySize.ToString("N0", CultureInfo.InvariantCulture));
        if (report.TokenBudget is { } budget)
        {
            var at = FormattableString.Invariant($"rarefaction to the smallest side's {budget:N0} tokens");
            Row("types at common budget", at, s => s.Diversity.BudgetVocabularySize is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "–");
            Row("TTR at common budget", at, s => s.Diversity.BudgetTypeTokenRatio is { } v ? F(v, 4) : "–");
        }

        Row("MATTR", FormattableString.Invariant($"window {d.MattrWindow}"), s => F(s.Diversity.Mattr, 4));
        Row("MTLD", FormattableString.Invariant($"TTR threshold {d.MtldThreshold}, mean of both directions"), s => F(s.Diversity.Mtld, 1));
        Row("HD-D", FormattableString.Invariant($"sample {d.HddSampleSize}"), s => F(s.Diversity.Hdd, 4));
        Row("distinct-1 / -2 / -3", "distinct n-grams / n-grams, within sentences", s => string.Join(" / ", s.Diversity.Distinct.Select(v => F(v, 3))));
        Row("Heaps β", "slope of ln V on ln N", s => F(s.Diversity.HeapsBeta, 3));
        Row("Zipf slope", FormattableString.Invariant($"top {d.ZipfTopRanks} ranks, log frequency on log rank"), s => F(s.Diversity.ZipfSlope, 3));
        Row("gzip ratio", "compressed / raw UTF-8 bytes; lower = more repetitive", s => F(s.Diversity.GzipRatio, 4));
        Row("Self-BLEU", FormattableString.Invariant($"{d.SelfBleuSampleSize} sentences, seed {d.SelfBleuSeed}; lower = more diverse"), s => F(s.Diversity.SelfBleu, 2));
        Row("reference vocabulary covered", "types / rare types (count 1)", s => s.Diversity.Coverage is { } c ? $"{P(c.TypeCoverage)} / {P(c.RareTypeCoverage)}" : "–");
        Row("JSD to reference", "unigram / bigram, base 2", s => s.DivergenceFromReference is { } j ? $"{F(j.Unigram, 4)} / {F(j.Bigram, 4)}" : "–");
        Row("sentence chrF2", "mean / median, against the human reference", s => s.Errors is { } x ? $"{F(x.ChrF.Mean, 1)} / {F(x.ChrF.Median, 1)}" : "–");
        Row("chrF2 error rate", FormattableString.Invariant($"chrF2 < {e.ChrFThreshold}"), s => s.Errors is { } x ? P(x.ChrF.ErrorRate) : "–");
        Row("sentence BLEU", "mean / median", s => s.Errors is { } x ? $"{F(x.Bleu.Mean, 1)} / {F(x.Bleu.Median, 1)}" : "–");
        Row("BLEU error rate", FormattableString.Invariant($"BLEU < {e.BleuThreshold}"), s => s.Errors is { } x ? P(x.Bleu.ErrorRate) : "–");
        Row("sentence TER", "mean / median", s => s.Errors is { } x ? $"{F(x.Ter.Mean, 1)} / {F(x.Ter.Median, 1)}" : "–");
        Row("TER error rate", FormattableString.Invariant($"TER > {e.TerThreshold}"), s => s.Errors is { } x ? P(x.Ter.ErrorRate) : "–");
        Row("error by any of the three", "chrF2, BLEU or TER on the error side", s => s.Errors is { } x ? P(x.AnyMetricErrorRate) : "–");
        Row("signal: empty output", "failed generation or whitespace", s => Signal(s, x => x.EmptyRate));
        Row("signal: untranslated", "≥ 50 % of tokens copied from the source", s => Signal(s, x => x.UntranslatedRate));
        Row("signal: non-English", "≥ 25 % German-looking tokens", s => Signal(s, x => x.NonEnglishRate));
        Row("signal: omission / addition", "character length ratio < 0.5 / > 2, sources ≥ 20 characters", s => s.Signals is { } x ? $"{P(x.OmissionRate)} / {P(x.AdditionRate)}" : "–");
        Row("signal: number mismatch", "digit groups differ", s => Signal(s, x => x.NumberMismatchRate));
        Row("signal: name mismatch", "proxy: capitalised tokens and acronyms differ", s => Signal(s, x => x.NameMismatchRate));
        Row("signal: repetition loop", "repeated 3-grams or token runs", s => Signal(s, x => x.LoopRate));
        Row("any signal", "any flag above", s => Signal(s, x => x.AnyRate));
        Row("median length ratio", "characters, target / source", s => s.Signals is { } x ? F(x.MedianLengthRatio, 3) : "–");
        return rows;
    }

    /// <summary>RFC 4180 CSV: metric, parameters, then one column per side.</summary>
    public static string ToCsv(IReadOnlyList<string> sides, IReadOnlyList<MetricRow> rows)
    {
        ArgumentNullException.ThrowIfNull(sides);
        ArgumentNullException.ThrowIfNull(rows);
        var records = new List<IEnumerable<string>> { new[] { "metric", "parameters" }.Concat(sides) };
        foreach (var row in rows)
        {
            records.Add(new[] { row.Metric, row.Parameters }.Concat(row.Cells));
        }

        return CsvFile.ToText(records);
    }
}
