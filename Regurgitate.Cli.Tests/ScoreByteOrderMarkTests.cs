using System.Text;
using System.Text.Json;

namespace Regurgitate.Cli.Tests;

/// <summary>
/// sacreBLEU's command line opens files with Python's "utf-8" codec (not "utf-8-sig"), so a byte-order mark stays in
/// the first segment as U+FEFF and is part of its first token. The expected numbers below are sacreBLEU's own output,
/// produced with sacreBLEU 2.6.0 (github.com/mjpost/sacrebleu commit f615c7286d4d813370efb824d94fc2bfcd3a6b94, run
/// from source with Debian's python3 3.11) on the files this class writes:
/// <code>python3 -m sacrebleu REF -i HYP -m bleu chrf ter -w 4</code> (JSON; <c>-f text</c> for the text lines,
/// <c>-m bleu -sl -w 4</c> for the sentence scores).
/// </summary>
public sealed class ScoreByteOrderMarkTests : IDisposable
{
    private const string Bom = "\uFEFF";

    private static readonly string[] References = ["The cat sat on the mat.", "It is raining in Berlin today.", "We will go home soon."];
    private static readonly string[] Hypotheses = ["The cat sat on a mat.", "It rains in Berlin today.", "We go home soon."];

    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-bom-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("", "", 50.1645, "88.9/66.7/50.0/33.3 (BP = 0.895 ratio = 0.900 hyp_len = 18 ref_len = 20)", 64.1061, 23.5294)]
    [InlineData(Bom, "", 41.508, "83.3/60.0/41.7/22.2 (BP = 0.895 ratio = 0.900 hyp_len = 18 ref_len = 20)", 63.8544, 29.4118)]
    [InlineData("", Bom, 41.508, "83.3/60.0/41.7/22.2 (BP = 0.895 ratio = 0.900 hyp_len = 18 ref_len = 20)", 63.1161, 29.4118)]
    [InlineData(Bom, Bom, 50.1645, "88.9/66.7/50.0/33.3 (BP = 0.895 ratio = 0.900 hyp_len = 18 ref_len = 20)", 64.8336, 23.5294)]
    [InlineData(Bom + " ", "", 49.2931, "84.2/62.5/46.2/30.0 (BP = 0.949 ratio = 0.950 hyp_len = 19 ref_len = 20)", 63.8544, 29.4118)]
    public void A_leading_byte_order_mark_scores_as_in_sacrebleu(string hypothesisPrefix, string referencePrefix, double bleu, string bleuVerbose, double chrF, double ter)
    {
        var reference = Write("ref.txt", referencePrefix, References);
        var hypothesis = Write("hyp.txt", hypothesisPrefix, Hypotheses);

        var (code, output, error) = InProcessCli.Run("score", reference, "-i", hypothesis, "-m", "bleu", "chrf", "ter", "-w", "4");

        Assert.True(code == 0, error);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(bleu, results[0].GetProperty("score").GetDouble());
        Assert.Equal(bleuVerbose, results[0].GetProperty("verbose_score").GetString());
        Assert.Equal(chrF, results[1].GetProperty("score").GetDouble());
        Assert.Equal(ter, results[2].GetProperty("score").GetDouble());
    }

    [Fact]
    public void Text_output_matches_sacrebleus_lines_with_signatures_right_aligned()
    {
        string[] sacreBleu =
        [
            "        BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 41.5080 83.3/60.0/41.7/22.2 (BP = 0.895 ratio = 0.900 hyp_len = 18 ref_len = 20)",
            "      chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 63.8544",
            "TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0 = 29.4118",
        ];
        var reference = Write("ref.txt", "", References);
        var hypothesis = Write("hyp.txt", Bom, Hypotheses);

        var (code, output, error) = InProcessCli.Run("score", reference, "-i", hypothesis, "-m", "bleu", "chrf", "ter", "-w", "4", "-f", "text");

        Assert.True(code == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        var version = lines[0][(lines[0].IndexOf("version:", StringComparison.Ordinal) + "version:".Length)..lines[0].IndexOf(" = ", StringComparison.Ordinal)];
        Assert.Equal(sacreBleu.Select(l => l.TrimStart().Replace("version:2.6.0", "version:" + version, StringComparison.Ordinal)), lines.Select(l => l.TrimStart()));
        // sacreBLEU right-aligns what stands before the '=': the longest signature starts the line, the others are indented to it.
        Assert.Single(lines.Select(l => l.IndexOf(" = ", StringComparison.Ordinal)).Distinct());
        Assert.Equal([true, true, false], lines.Select(l => l.StartsWith(' ')));
    }

    [Fact]
    public void Sentence_level_keeps_the_mark_in_the_first_segment_only()
    {
        var reference = Write("ref.txt", "", References);
        var hypothesis = Write("hyp.txt", Bom, Hypotheses);

        var (code, output, error) = InProcessCli.Run("score", reference, "-i", hypothesis, "-m", "bleu", "-sl", "-w", "4", "-b");

        Assert.True(code == 0, error);
        Assert.Equal(["30.7394", "45.4802", "57.8930"], output.TrimEnd('\n').Split('\n'));
    }

    /// <summary>Writes the lines as UTF-8 without an encoder preamble: <paramref name="prefix"/> is the file's first bytes.</summary>
    private string Write(string name, string prefix, string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, prefix + string.Join('\n', lines) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
