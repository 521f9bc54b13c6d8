using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Cli.Scoring;

/// <summary>sacreBLEU 2.x's output formats: <c>Score.format</c> lines, its JSON objects, the multi-system and paired tables.</summary>
internal static class ScoreFormatter
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><c>NAME|SIGNATURE = SCORE VERBOSE</c>, or just the score.</summary>
    public static string Line(MetricResult r, int width, bool scoreOnly)
    {
        var score = SacreBleuText.Fixed(r.Score, width);
        if (scoreOnly)
        {
            return score;
        }

        var line = $"{r.Name}|{r.Signature} = {score}";
        return r.Verbose is null ? line : $"{line} {r.Verbose}";
    }

    public static string Single(IReadOnlyList<MetricResult> results, int width, bool json, bool scoreOnly)
    {
        if (json)
        {
            var objects = results.Select(r => Json(r, width)).ToList();
            return objects.Count == 1 ? objects[0] : "[\n" + string.Join(",\n", objects) + "\n]";
        }

        var lines = results.Select(r => Line(r, width, scoreOnly)).ToList();
        if (scoreOnly)
        {
            return string.Join('\n', lines);
        }

        // Align the '=' of several metrics as sacreBLEU does: the names and signatures before it are right-aligned.
        var left = lines.Max(l => l.IndexOf(" = ", StringComparison.Ordinal));
        return string.Join('\n', lines.Select(l =>
        {
            var at = l.IndexOf(" = ", StringComparison.Ordinal);
            return l[..at].PadLeft(left) + l[at..];
        }));
    }

    /// <summary>sacreBLEU's JSON object: name, score (rounded to the width), signature, verbose score, then each signature field.</summary>
    public static string Json(MetricResult r, int width)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name", r.Name);
            writer.WritePropertyName("score");
            writer.WriteRawValue(PythonFloat(r.Score, width));
            writer.WriteString("signature", r.Signature);
            if (r.Verbose is not null)
            {
                writer.WriteString("verbose_score", r.Verbose);
            }

            WriteSignatureFields(writer, r.Signature);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string MultiSystem(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<MetricResult>> rows, int width, bool json)
    {
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, JsonOptions))
            {
                writer.WriteStartArray();
                for (var s = 0; s < names.Count; s++)
                {
                    writer.WriteStartObject();
                    writer.WriteString("system", names[s]);
                    writer.WriteStartArray("scores");
                    foreach (var r in rows[s])
                    {
                        writer.WriteRawValue(Json(r, width));
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        var header = new[] { "System" }.Concat(rows[0].Select(r => r.Name)).ToList();
        var table = names.Select((n, s) => (IReadOnlyList<string>)new[] { n }.Concat(rows[s].Select(r => SacreBleuText.Fixed(r.Score, width))).ToList()).ToList();
        var text = new StringBuilder(Table(header, table.Select(r => new[] { r }).ToList()));
        AppendSignatures(text, rows[0].Select(r => (r.Name, r.Signature)));
        return text.ToString();
    }

    public static string PairedJson(PairedTestReport report, int width)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("test", report.Kind == PairedTestKind.Bootstrap ? "paired-bs" : "paired-ar");
            writer.WriteNumber("samples", report.Samples);
            if (report.Seed is { } seed)
            {
                writer.WriteNumber("seed", seed);
            }
            else
            {
                writer.WriteNull("seed");
            }

            writer.WriteStartArray("metrics");
            for (var m = 0; m < report.MetricNames.Count; m++)
            {
                writer.WriteStartObject();
                writer.WriteString("name", report.MetricNames[m]);
                writer.WriteString("signature", report.Signatures[m]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("systems");
            for (var s = 0; s < report.Systems.Count; s++)
            {
                var system = report.Systems[s];
                writer.WriteStartObject();
                writer.WriteString("system", system.Name);
                writer.WriteBoolean("baseline", s == 0);
                for (var m = 0; m < report.MetricNames.Count; m++)
                {
                    var cell = system.Metrics[m];
                    writer.WriteStartObject(report.MetricNames[m]);
                    writer.WritePropertyName("score");
                    writer.WriteRawValue(PythonFloat(cell.Score, width));
                    if (cell.Mean is { } mean)
                    {
                        writer.WritePropertyName("confidence_mean");
                        writer.WriteRawValue(PythonFloat(mean, width));
                        writer.WritePropertyName("confidence_var");
                        writer.WriteRawValue(PythonFloat(cell.ConfidenceHalfWidth!.Value, width));
                    }

                    if (cell.PValue is { } p)
                    {
                        writer.WritePropertyName("p_value");
                        writer.WriteRawValue(PythonFloat(p, PairedResultText.PValueDigits));
                        writer.WriteBoolean("significant", cell.IsSignificant);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// The significance table: score, bootstrap mean ± 95% half-width, and p-value (asterisk below 0.05) per system and
    /// metric, then the test description and the signatures.
    /// </summary>
    public static string PairedText(PairedTestReport report, int width)
    {
        var bootstrap = report.Kind == PairedTestKind.Bootstrap;
        var header = new[] { "System" }.Concat(report.MetricNames.Select(n => bootstrap ? $"{n} (μ ± 95% CI)" : n)).ToList();
        var rows = new List<IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var system in report.Systems)
        {
            var first = new List<string> { system.Name };
            var second = new List<string> { string.Empty };
            foreach (var cell in system.Metrics)
            {
                var text = SacreBleuText.Fixed(cell.Score, width);
                if (cell.Mean is { } mean)
                {
                    text += $" ({PairedResultText.Confidence(mean, cell.ConfidenceHalfWidth!.Value, width)})";
                }

                first.Add(text);
                second.Add(cell.PValue is { } p ? $"(p = {PairedResultText.PValue(p)}){PairedResultText.Marker(p)}" : string.Empty);
            }

            rows.Add(second.Skip(1).All(string.IsNullOrEmpty) ? [first] : [first, second]);
        }

        var text2 = new StringBuilder(Table(header, rows));
        var title = PairedResultText.Title(report.Kind, report.Samples);
        text2.Append('\n').Append(new string('-', title.Length)).Append('\n').Append(title).Append('\n').Append(new string('-', title.Length)).Append('\n');
        text2.Append($" - Each system is compared with {report.Systems[0].Name}.\n");
        if (bootstrap)
        {
            text2.Append("   Each cell: the system's score (bootstrap mean ± half-width of the 95% interval).\n");
        }

        text2.Append(" - Null hypothesis: system and baseline come from the same process; the p-value estimates the chance of a\n");
        text2.Append("   score difference at least as large as the observed one under it (+1 smoothed).\n");
        text2.Append(" - p < 0.05 is marked with \"*\": the difference is unlikely to be due to chance.\n");
        text2.Append(" - The baseline has no p-value.\n");
        AppendSignatures(text2, report.MetricNames.Zip(report.Signatures));
        return text2.ToString();
    }

    /// <summary>Python's <c>float(f"{x:.{w}f}")</c> as JSON: shortest round-trip digits, always with a decimal point.</summary>
    internal static string PythonFloat(double value, int width)
    {
        var rounded = double.Parse(SacreBleuText.Fixed(value, width), CultureInfo.InvariantCulture);
        var text = rounded.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void WriteSignatureFields(Utf8JsonWriter writer, string signature)
    {
        foreach (var field in signature.Split('|'))
        {
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                writer.WriteString(field[..colon], field[(colon + 1)..]);
            }
        }
    }

    private static void AppendSignatures(StringBuilder text, IEnumerable<(string Name, string Signature)> signatures)
    {
        text.Append("\n-----------------\nMetric signatures\n-----------------\n");
        var list = signatures.ToList();
        var pad = list.Max(s => s.Name.Length);
        foreach (var (name, signature) in list)
        {
            text.Append($" - {name.PadRight(pad)}  {signature}\n");
        }
    }

    /// <summary>A boxed table; each row may span several lines.</summary>
    private static string Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> rows)
    {
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var line in rows.SelectMany(r => r))
        {
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], line[c].Length);
            }
        }

        string Rule(char left, char fill, char mid, char right) =>
            left + string.Join(mid, widths.Select(w => new string(fill, w + 2))) + right + "\n";
        string Line(IReadOnlyList<string> cells) =>
            "│" + string.Join("│", cells.Select((c, i) => " " + c.PadRight(widths[i]) + " ")) + "│\n";

        var text = new StringBuilder();
        text.Append(Rule('╒', '═', '╤', '╕')).Append(Line(header)).Append(Rule('╞', '═', '╪', '╡'));
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var line in rows[r])
            {
                text.Append(Line(line));
            }

            text.Append(r == rows.Count - 1 ? Rule('╘', '═', '╧', '╛') : Rule('├', '─', '┼', '┤'));
        }

        return text.ToString();
    }
}
