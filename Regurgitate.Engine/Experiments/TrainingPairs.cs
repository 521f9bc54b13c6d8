using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// The pairs a run trained on, with provenance: <c>training-pairs.jsonl.gz</c> in the run directory, one JSON object
/// per line (<c>source</c>: the German source, <c>target</c>: the English target trained on, <c>reference</c>: the
/// human target of that source, <c>origin</c>: <c>real</c> or the generator id), in training-set order, after the
/// length filter, gzip'd UTF-8. Written for every run, plain real runs included, so that the training data of any run
/// can be analysed without recomposing it. A <see cref="RunConfig.Reverse"/> run records its pairs before they are
/// swapped (German source, English target), as the other runs do. The same configuration writes the same bytes.
/// </summary>
public static class TrainingPairs
{
    public const string FileName = "training-pairs.jsonl.gz";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathOf(string runDirectory) => Path.Combine(runDirectory, FileName);

    /// <summary>Writes the pairs (through a temporary file, so a crash never leaves half a file under the real name).</summary>
    public static void Write(string runDirectory, IEnumerable<TrainingExample> examples)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(examples);
        Directory.CreateDirectory(runDirectory);
        var path = PathOf(runDirectory);
        AtomicFile.Write(path, file =>
        {
            using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
            foreach (var example in examples)
            {
                using (var writer = new Utf8JsonWriter(gzip, WriterOptions))
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", example.Pair.Source);
                    writer.WriteString("target", example.Pair.Target);
                    writer.WriteString("reference", example.Reference);
                    writer.WriteString("origin", example.Origin);
                    writer.WriteEndObject();
                }

                gzip.WriteByte((byte)'\n');
            }
        });
    }

    /// <summary>The recorded pairs of a run; null when the run has none (it trained before they were recorded, or did not get that far).</summary>
    /// <exception cref="CorpusFormatException">A line is not valid UTF-8 or not an object with the four string fields; the message names the file and line.</exception>
    public static async Task<IReadOnlyList<TrainingExample>?> ReadAsync(string runDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var path = PathOf(runDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        var examples = new List<TrainingExample>();
        var reader = Utf8LineReader.Open(path, 1 << 20);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.Current.Length > 0)
                {
                    examples.Add(Parse(reader.Current, path, reader.LineNumber));
                }
            }
        }

        return examples;
    }

    private static TrainingExample Parse(string line, string path, long lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CorpusFormatException(path, lineNumber, "expected a JSON object per line");
            }

            string Field(string name) =>
                document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()!
                    : throw new CorpusFormatException(path, lineNumber, $"field '{name}' is missing or not a string");
            var origin = Field("origin");
            if (origin.Length == 0)
            {
                throw new CorpusFormatException(path, lineNumber, "field 'origin' is empty");
            }

            return new TrainingExample(new SentencePair(Field("source"), Field("target")), origin, Field("reference"));
        }
        catch (JsonException ex)
        {
            throw new CorpusFormatException(path, lineNumber, $"not valid JSON: {ex.Message}", innerException: ex);
        }
    }
}
