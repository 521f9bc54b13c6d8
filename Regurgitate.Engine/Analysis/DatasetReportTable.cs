using System.Globalization;
using System.Text;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// A <see cref="DatasetReportResult"/> as one Markdown table (a metric per row, a side per column), the form the
/// README and the command line print; the parameters of every metric are named in its row.
/// </summary>
public static class DatasetReportTable
{
    public static string ToMarkdown(DatasetReportResult report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sides = report.Sides;
        var d = report.Options.Diversity;
        var e = report.Options.Errors;
        var sb = new StringBuilder();
        sb.Append("| metric |").AppendJoin("", sides.Select(s => $" {s.Name} |")).AppendLine();
        sb.Append("|---|").AppendJoin("", sides.Select(_ => "---:|")).AppendLine();

        void Row(string name, Func<SideReport, string> cell) =>
            sb.Append("| ").Append(name).Append(" |").AppendJoin("", sides.Select(s => $" {cell(s)} |")).AppendLine();
        string F(double v, int digits) => double.IsNaN(v) ? "–" : v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string P(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + " %";
        string Opt(double? v, Func<double, string> f) => v is { } x ? f(x) : "–";

        Row("sentences (failed)", s => $"{s.Sentences:N0} ({s.Failed})");
        Row("tokens", s => s.Diversity.Tokens.ToString("N0", CultureInfo.InvariantCulture));
        Row("vocabulary (types)", s => s.Diversity.VocabularySize.ToString("N0", CultureInfo.InvariantCulture));
        if (report.TokenBudget is { } budget)
        {
            Row($"types expected in {budget:N0} random tokens (rarefied)", s => Opt(s.Diversity.BudgetVocabularySize, v => v.ToString("N0", CultureInfo.InvariantCulture)));
            Row($"TTR at {budget:N0} tokens", s => Opt(s.Diversity.BudgetTypeTokenRatio, v => F(v, 4)));
        }

        Row($"MATTR (window {d.MattrWindow})", s => F(s.Diversity.Mattr, 4));
        Row($"MTLD (TTR {d.MtldThreshold.ToString(CultureInfo.InvariantCulture)}, bidirectional)", s => F(s.Diversity.Mtld, 1));
        Row($"HD-D (sample {d.HddSampleSize})", s => F(s.Diversity.Hdd, 4));
        Row("distinct-1 / -2 / -3", s => string.Join(" / ", s.Diversity.Distinct.Select(v => F(v, 3))));
        Row("Heaps β (ln V on ln N)", s => F(s.Diversity.HeapsBeta, 3));
        Row($"Zipf slope (top {d.ZipfTopRanks} ranks)", s => F(s.Diversity.ZipfSlope, 3));
        Row("gzip ratio", s => F(s.Diversity.GzipRatio, 4));
        Row($"Self-BLEU ({d.SelfBleuSampleSize} sentences, seed {d.SelfBleuSeed}; lower = more diverse)", s => F(s.Diversity.SelfBleu, 2));
        Row("reference vocabulary covered: types / rare types (count 1)", s => s.Diversity.Coverage is { } c ? $"{P(c.TypeCoverage)} / {P(c.RareTypeCoverage)}" : "–");
        Row("JSD to reference: unigram / bigram", s => s.DivergenceFromReference is { } j ? $"{F(j.Unigram, 4)} / {F(j.Bigram, 4)}" : "–");
        Row("sentence chrF2: mean / median", s => s.Errors is { } x ? $"{F(x.ChrF.Mean, 1)} / {F(x.ChrF.Median, 1)}" : "–");
        Row($"chrF2 < {e.ChrFThreshold}", s => s.Errors is { } x ? P(x.ChrF.ErrorRate) : "–");
        Row("sentence BLEU: mean / median", s => s.Errors is { } x ? $"{F(x.Bleu.Mean, 1)} / {F(x.Bleu.Median, 1)}" : "–");
        Row($"BLEU < {e.BleuThreshold}", s => s.Errors is { } x ? P(x.Bleu.ErrorRate) : "–");
        Row("sentence TER: mean / median", s => s.Errors is { } x ? $"{F(x.Ter.Mean, 1)} / {F(x.Ter.Median, 1)}" : "–");
        Row($"TER > {e.TerThreshold}", s => s.Errors is { } x ? P(x.Ter.ErrorRate) : "–");
        Row("error by any of the three", s => s.Errors is { } x ? P(x.AnyMetricErrorRate) : "–");
        Row("signal: empty output", s => Signal(s, x => x.EmptyRate));
        Row("signal: untranslated (≥ 50 % copied)", s => Signal(s, x => x.UntranslatedRate));
        Row("signal: non-English (≥ 25 % German-looking)", s => Signal(s, x => x.NonEnglishRate));
        Row("signal: omission / addition (length ratio < 0.5 / > 2)", s => s.Signals is { } x ? $"{P(x.OmissionRate)} / {P(x.AdditionRate)}" : "–");
        Row("signal: number mismatch", s => Signal(s, x => x.NumberMismatchRate));
        Row("signal: name mismatch (proxy)", s => Signal(s, x => x.NameMismatchRate));
        Row("signal: repetition loop", s => Signal(s, x => x.LoopRate));
        Row("any signal", s => Signal(s, x => x.AnyRate));
        Row("median length ratio (chars, target / source)", s => s.Signals is { } x ? F(x.MedianLengthRatio, 3) : "–");
        return sb.ToString();

        string Signal(SideReport s, Func<ErrorSignalSummary, double> rate) => s.Signals is { } x ? P(rate(x)) : "–";
    }
}
