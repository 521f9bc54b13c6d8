using System.Text.Json;

namespace Regurgitate.Engine.Data;

/// <summary>
/// Streams validated <see cref="SentencePair"/>s from a JSON Lines file (optionally gzip'd), one object per line with
/// the fields named by <see cref="JsonlFields"/>. Same contract as <see cref="ParallelCorpusReader"/>: strict UTF-8,
/// every format problem a <see cref="CorpusFormatException"/> naming file and line, content checks per
/// <see cref="CorpusReadOptions"/>. A blank line is an empty pair (governed by the empty-line policy).
/// </summary>
public static class JsonlCorpusReader
{
    public static IAsyncEnumerable<SentencePair> ReadAsync(
        string path,
        JsonlFields? fields = null,
        CorpusReadOptions? options = null,
        CorpusReadReport? report = null,
        IProgress<CorpusReadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var names = fields ?? JsonlFields.Default;
        return SingleFilePairReader.ReadAsync(path, (line, number) => Parse(line, names, path, number), options ?? CorpusReadOptions.Default, report ?? new CorpusReadReport(), progress, cancellationToken);
    }

    /// <summary>Reads a JSON Lines file completely into memory.</summary>
    public static async Task<LoadedCorpus> LoadAsync(
        string path,
        JsonlFields? fields = null,
        CorpusReadOptions? options = null,
        IProgress<CorpusReadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var report = new CorpusReadReport();
        var pairs = new List<SentencePair>();
        await foreach (var pair in ReadAsync(path, fields, options, report, progress, cancellationToken).ConfigureAwait(false))
        {
            pairs.Add(pair);
        }

        return new LoadedCorpus(pairs, report);
    }

    private static (string Source, string Target) Parse(string line, JsonlFields fields, string path, long lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            var at = e.BytePositionInLine is { } position ? $" at character {position + 1}" : string.Empty;
            throw new CorpusFormatException(path, lineNumber, $"not valid JSON{at} ({FirstSentence(e.Message)})", innerException: e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CorpusFormatException(path, lineNumber, $"expected a JSON object per line, found {Describe(root.ValueKind)}");
            }

            var holder = root;
            if (!root.TryGetProperty(fields.Source, out _) && fields.Container is { } container && root.TryGetProperty(container, out var nested))
            {
                if (nested.ValueKind != JsonValueKind.Object)
                {
                    throw new CorpusFormatException(path, lineNumber, $"field '{container}' must be an object holding '{fields.Source}' and '{fields.Target}', found {Describe(nested.ValueKind)}");
                }

                holder = nested;
            }

            return (Text(holder, fields.Source, fields, path, lineNumber), Text(holder, fields.Target, fields, path, lineNumber));
        }
    }

    private static string Text(JsonElement holder, string field, JsonlFields fields, string path, long lineNumber)
    {
        if (!holder.TryGetProperty(field, out var value))
        {
            var shape = fields.Container is { } container
                ? $"{{\"{fields.Source}\": …, \"{fields.Target}\": …}} or {{\"{container}\": {{\"{fields.Source}\": …, \"{fields.Target}\": …}}}}"
                : $"{{\"{fields.Source}\": …, \"{fields.Target}\": …}}";
            throw new CorpusFormatException(path, lineNumber, $"no field '{field}' (expected {shape})");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CorpusFormatException(path, lineNumber, $"field '{field}' must be a string, found {Describe(value.ValueKind)}");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
