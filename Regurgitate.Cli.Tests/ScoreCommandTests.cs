using System.Text.Json;
using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Json_has_sacrebleu_fields_and_agrees_with_the_engine()
    {
        string[] refs = ["The cat sat on the mat.", "A dog ran to the house.", "It is raining today."];
        string[] hyps = ["The cat sat on a mat.", "A dog ran to house.", "It rains today."];
        var (code, output, _) = InProcessCli.Run("score", File("ref.txt", refs), "-i", File("hyp.txt", hyps), "-m", "bleu", "chrf", "ter", "-w", "4");

        Assert.Equal(0, code);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["BLEU", "chrF2", "TER"], results.Select(r => r.GetProperty("name").GetString()));

        var bleu = new BleuMetric().CorpusScore(hyps, [refs]);
        Assert.Equal(Math.Round(bleu.Score, 4), results[0].GetProperty("score").GetDouble());
        Assert.Equal(bleu.Signature, results[0].GetProperty("signature").GetString());
        Assert.StartsWith(string.Join('/', bleu.Precisions.Select(p => SacreBleuText.Fixed(p, 1))), results[0].GetProperty("verbose_score").GetString());
        Assert.Equal("1", results[0].GetProperty("nrefs").GetString());
        Assert.Equal("13a", results[0].GetProperty("tok").GetString());
        Assert.Equal("exp", results[0].GetProperty("smooth").GetString());
        Assert.Equal(Math.Round(new ChrFMetric().CorpusScore(hyps, [refs]).Score, 4), results[1].GetProperty("score").GetDouble());
        Assert.Equal(Math.Round(new TerMetric().CorpusScore(hyps, [refs]).Score, 4), results[2].GetProperty("score").GetDouble());
    }

    [Fact]
    public void Single_metric_json_is_one_object_and_text_is_sacrebleu_line()
    {
        var r = File("r.txt", ["a b c d e"]);
        var h = File("h.txt", ["a b c d e"]);
        var (_, json, _) = InProcessCli.Run("score", r, "-i", h);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json).RootElement.ValueKind);
        Assert.Equal(100.0, JsonDocument.Parse(json).RootElement.GetProperty("score").GetDouble());
        Assert.Contains("\"score\": 100.0,", json, StringComparison.Ordinal);

        var (_, text, _) = InProcessCli.Run("score", r, "-i", h, "-f", "text", "-w", "2");
        Assert.StartsWith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:", text, StringComparison.Ordinal);
        Assert.Contains(" = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 5 ref_len = 5)", text, StringComparison.Ordinal);
    }

    /// <summary>The shared sacreBLEU 2.6 vectors whose strings survive a line-based file (no CR/LF inside segments).</summary>
    [Fact]
    public void Reference_vectors_through_files_match_sacrebleu()
    {
        var checkedCases = 0;
        foreach (var line in System.IO.File.ReadAllText(Path.Combine(SharedFolders.Eval, "bleu_vectors_public.jsonl")).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var c = JsonDocument.Parse(line).RootElement;
            var hyps = c.GetProperty("hyps").EnumerateArray().Select(x => x.GetString()!).ToList();
            var refs = c.GetProperty("refs").EnumerateArray().Select(s => s.EnumerateArray().Select(x => x.GetString()).ToList()).ToList();
            var all = hyps.Concat(refs.SelectMany(x => x)).ToList();
            if (hyps.Count == 0 || all.Any(s => s is null || s.Length == 0 || s.Any(ch => ch is '\n' or '\r' || char.IsWhiteSpace(ch) && s.TrimEnd() != s))
                || all.Any(s => s != SacreBleuText.RStrip(s!)))
            {
                continue;
            }

            var id = c.GetProperty("id").GetString()!;
            var args = new List<string> { "score" };
            args.AddRange(refs.Select((r, i) => File($"{id}.ref{i}", r!.Select(x => x!).ToArray())));
            args.AddRange(["-i", File($"{id}.hyp", hyps.ToArray()), "-m", "bleu", "chrf", "ter", "-w", "10", "-tok", c.GetProperty("tokenize").GetString()!]);
            if (c.GetProperty("lowercase").GetBoolean())
            {
                args.AddRange(["-lc", "--chrf-lowercase"]);
            }

            var (code, output, error) = InProcessCli.Run([.. args]);
            Assert.True(code == 0, $"{id}: {error}");
            var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            Assert.Equal(Math.Round(c.GetProperty("bleu").GetDouble(), 10), results[0].GetProperty("score").GetDouble(), 8);
            Assert.Equal(Math.Round(c.GetProperty("chrf").GetDouble(), 10), results[1].GetProperty("score").GetDouble(), 8);
            Assert.Equal(Math.Round(c.GetProperty("ter").GetDouble(), 10), results[2].GetProperty("score").GetDouble(), 8);
            checkedCases++;
        }

        Assert.True(checkedCases >= 3, $"only {checkedCases} vector cases were file-safe");
    }

    [Fact]
    public void Sentence_level_prints_one_line_per_segment()
    {
        var (code, output, _) = InProcessCli.Run("score", File("r.txt", ["a b c d", "x y z w"]), "-i", File("h.txt", ["a b c d", "x y"]), "-sl", "-b");
        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("100.0", lines[0]);
    }

    [Fact]
    public void Paired_bootstrap_is_deterministic_and_marks_the_better_system()
    {
        var random = new Random(3);
        string[] words = ["the", "cat", "dog", "sat", "on", "a", "mat", "ran", "to", "house", "red", "big"];
        var refs = Enumerable.Range(0, 200).Select(_ => string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]))).ToArray();
        var bad = refs.Select(r => string.Join(' ', r.Split(' ').Where((_, i) => i % 2 == 0))).ToArray();
        var good = refs.Select(r => string.Join(' ', r.Split(' ').Take(7))).ToArray();
        string[] args = ["score", File("ref.txt", refs), "-i", File("bad.txt", bad), File("good.txt", good), "-m", "bleu", "chrf", "--paired-bs", "-f", "json"];

        var (code, first, error) = InProcessCli.Run(args);
        var (_, second, _) = InProcessCli.Run(args);
        Assert.True(code == 0, error);
        Assert.Equal(first, second);

        var report = JsonDocument.Parse(first).RootElement;
        Assert.Equal("paired-bs", report.GetProperty("test").GetString());
        Assert.Equal(1000, report.GetProperty("samples").GetInt32());
        Assert.Contains("|bs:1000|seed:12345|", report.GetProperty("metrics")[0].GetProperty("signature").GetString(), StringComparison.Ordinal);
        var systems = report.GetProperty("systems").EnumerateArray().ToList();
        Assert.StartsWith("Baseline: ", systems[0].GetProperty("system").GetString(), StringComparison.Ordinal);
        Assert.False(systems[0].GetProperty("BLEU").TryGetProperty("p_value", out _));
        Assert.Equal(0.001, systems[1].GetProperty("BLEU").GetProperty("p_value").GetDouble());
        Assert.True(systems[1].GetProperty("chrF2").GetProperty("significant").GetBoolean());

        var (_, text, _) = InProcessCli.Run([.. args[..^2], "-f", "text"]);
        Assert.Contains("(p = 0.0010)*", text, StringComparison.Ordinal);
        Assert.Contains("Paired bootstrap resampling test with 1000 resampling trials", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_count_mismatch_names_the_file_and_line()
    {
        var (code, _, error) = InProcessCli.Run("score", File("ref.txt", ["a", "b", "c"]), "-i", File("hyp.txt", ["a"]));
        Assert.Equal(1, code);
        Assert.Contains("hyp.txt', line 2", error, StringComparison.Ordinal);
        Assert.Contains("has 1 lines but", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_and_invalid_utf8_fail_with_the_file_named()
    {
        var (code, _, error) = InProcessCli.Run("score", Path.Combine(dir, "nope.txt"), "-i", File("hyp.txt", ["a"]));
        Assert.Equal(1, code);
        Assert.Contains("nope.txt", error, StringComparison.Ordinal);

        var bad = Path.Combine(dir, "bad.txt");
        System.IO.File.WriteAllBytes(bad, [(byte)'o', (byte)'k', (byte)'\n', 0xC3, 0x28, (byte)'\n']);
        (code, _, error) = InProcessCli.Run("score", File("ref.txt", ["a", "b"]), "-i", bad);
        Assert.Equal(1, code);
        Assert.Contains("bad.txt', line 2 (byte offset 3)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_non_zero()
    {
        var r = File("r.txt", ["a"]);
        var h = File("h.txt", ["a"]);
        Assert.NotEqual(0, InProcessCli.Run("score", r, "-i", h, "-m", "meteor").Code);
        Assert.NotEqual(0, InProcessCli.Run("score", r).Code);
        Assert.Equal(1, InProcessCli.Run("score", r, "-i", h, "--paired-bs").Code);
        Assert.Equal(1, InProcessCli.Run("score", r, "-i", h, "-m", "bleu", "chrf", "-sl").Code);
    }

    private string File(string name, string[] lines)
    {
        var path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
