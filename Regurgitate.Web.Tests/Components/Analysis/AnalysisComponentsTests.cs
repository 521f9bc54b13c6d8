using Bunit;
using Regurgitate.Engine.Analysis;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Web.Tests.Components.Analysis;

public sealed class AnalysisComponentsTests : DashboardTestContext
{
    internal static DatasetReportResult SmallReport()
    {
        string[] sources = ["Das ist ein kleines Haus.", "Der Hund bellt laut.", "Wir gehen morgen ins Kino."];
        string[] reference = ["This is a small house.", "The dog barks loudly.", "We are going to the cinema tomorrow."];
        string[] output = ["This is a little house.", "The dog is barking.", "Tomorrow we go to the movies."];
        return DatasetReport.Build(sources, new TextSide(DatasetAnalysis.ReferenceSide, reference), [new TextSide("wmt22/GPT-4", output)]);
    }

    [Fact]
    public void The_metric_table_has_a_column_per_side_parameters_in_tooltips_and_a_csv_download()
    {
        var table = Context.Render<DatasetMetricTable>(p => p
            .Add(t => t.Report, SmallReport())
            .Add(t => t.Sides, [DatasetAnalysis.ReferenceSide, "GPT-4"])
            .Add(t => t.FileName, "wmt22.csv"));

        Assert.Equal([DatasetAnalysis.ReferenceSide, "GPT-4"], table.FindAll("[data-testid=analysis-side]").Select(th => th.TextContent));
        var rows = table.FindAll("[data-testid=analysis-metric-row]");
        Assert.True(rows.Count > 20);
        var mattr = rows.Single(r => r.QuerySelector(".metric-name")!.TextContent == "MATTR");
        Assert.Equal("window 50", mattr.QuerySelector(".metric-name")!.GetAttribute("title"));
        var chrfRate = rows.Single(r => r.QuerySelector(".metric-name")!.TextContent == "chrF2 error rate");
        Assert.Equal("–", chrfRate.QuerySelectorAll("td")[1].TextContent);

        var link = table.Find("[data-testid=analysis-metrics-csv]");
        Assert.Equal("wmt22.csv", link.GetAttribute("download"));
        Assert.StartsWith("data:text/csv;charset=utf-8,", link.GetAttribute("href"), StringComparison.Ordinal);
        var csv = table.Instance.Csv;
        Assert.StartsWith("metric,parameters,human reference,GPT-4\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("MATTR,window 50,", csv, StringComparison.Ordinal);
        Assert.Equal(csv, Uri.UnescapeDataString(link.GetAttribute("href")!["data:text/csv;charset=utf-8,".Length..]));
    }

    [Fact]
    public void Csv_cells_with_commas_or_quotes_are_quoted()
    {
        var csv = MetricRows.ToCsv(["a,b"], [new MetricRow("say \"hi\"", "x", ["1,2"])]);

        Assert.Equal("metric,parameters,\"a,b\"\r\n\"say \"\"hi\"\"\",x,\"1,2\"\r\n", csv);
    }

    [Fact]
    public void The_word_diff_marks_the_words_outside_the_longest_common_subsequence()
    {
        var (reference, output) = WordDiff.Compare("The dog barks loudly .", "The dog is barking .");

        Assert.Equal(["barks", "loudly"], reference.Where(t => t.Changed).Select(t => t.Text));
        Assert.Equal(["is", "barking"], output.Where(t => t.Changed).Select(t => t.Text));
        Assert.Equal(["The", "dog", "."], output.Where(t => !t.Changed).Select(t => t.Text));
        Assert.Empty(WordDiff.Compare(null, "  ").Output);
    }

    [Fact]
    public void Worst_sentences_show_the_diff_and_signals_and_render_markup_as_text()
    {
        WorstInstance[] instances =
        [
            new(7, "Ein <b>Test</b>.", "A <b>test</b> sentence.", "<script>alert(1)</script> sentence.", 12.5, 3, 90, Signals(omission: true)),
        ];

        var table = Context.Render<WorstInstancesTable>(p => p.Add(t => t.Instances, instances));

        Assert.Empty(table.FindAll("script"));
        Assert.Empty(table.FindAll("b"));
        var row = table.Find("[data-testid=worst-row]");
        Assert.Equal("7", row.GetAttribute("data-index"));
        Assert.Equal("Ein <b>Test</b>.", row.QuerySelector(".source")!.TextContent);
        Assert.Equal(["<script>alert(1)</script>"], row.QuerySelectorAll(".output .diff-ins").Select(s => s.TextContent));
        Assert.Equal(["A", "<b>test</b>"], row.QuerySelectorAll(".reference .diff-del").Select(s => s.TextContent));
        Assert.Contains("&lt;script&gt;", row.QuerySelector(".output")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(["omission"], table.FindAll("[data-testid=worst-signal]").Select(c => c.TextContent.Trim()));
    }

    private static PairErrorSignals Signals(bool omission) => new()
    {
        Empty = false, TargetTokens = 3, CopiedShare = 0, CopiedShareWithNames = 0, LengthRatio = 0.4, NumberMismatches = 0, NameMismatches = 0,
        MaxTrigramRepeats = 1, LongestTokenRun = 1, GermanShare = 0, Untranslated = false, Omission = omission, Addition = false,
        NumberMismatch = false, NameMismatch = false, Loop = false, NonEnglish = false,
    };
}
