using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Mitigation;

/// <summary>
/// Reads and writes <see cref="PairScores"/> as JSON Lines, one file per generator in a strategy's scores folder: a
/// header line (scorer, generator, oracle flag), then one line per source. Written to a temporary file and renamed, so
/// a scores file either is complete or does not exist, and an experiment that stopped while scoring scores again.
/// </summary>
public static class PairScoreStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The file holding <paramref name="generatorId"/>'s scores in <paramref name="directory"/> (ids contain '/').</summary>
    public static string PathOf(string directory, string generatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        var safe = new StringBuilder(generatorId.Length);
        foreach (var c in generatorId)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return Path.Combine(directory, safe + ".scores.jsonl");
    }

    public static bool Exists(string directory, string generatorId) => File.Exists(PathOf(directory, generatorId));

    public static async Task SaveAsync(PairScores scores, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Directory.CreateDirectory(directory);
        var path = PathOf(directory, scores.GeneratorId);
        await AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            await writer.WriteLineAsync(JsonSerializer.Serialize(new Header(scores.ScorerName, scores.GeneratorId, scores.IsOracle), Json)).ConfigureAwait(false);
            foreach (var score in scores.All)
            {
                token.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(JsonSerializer.Serialize(score, Json)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="FileNotFoundException">The generator was not scored in this folder.</exception>
    /// <exception cref="CorpusFormatException">A line is not a score record; names file and line.</exception>
    public static async Task<PairScores> LoadAsync(string directory, string generatorId, CancellationToken cancellationToken)
    {
        var path = PathOf(directory, generatorId);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No scores of '{generatorId}' in '{directory}': the strategy's scoring step has not run.", path);
        }

        await using var reader = Utf8LineReader.Open(path, 1 << 22);
        Header? header = null;
        var scores = new List<PairScore>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.Current.Length == 0)
            {
                continue;
            }

            try
            {
                if (header is null)
                {
                    header = JsonSerializer.Deserialize<Header>(reader.Current, Json) ?? throw new JsonException("the first line must describe the scorer");
                    if (string.IsNullOrWhiteSpace(header.Scorer) || string.IsNullOrWhiteSpace(header.Generator))
                    {
                        throw new JsonException("the header needs 'scorer' and 'generator'");
                    }

                    continue;
                }

                var score = JsonSerializer.Deserialize<PairScore>(reader.Current, Json) ?? throw new JsonException("null score");
                if (score.Source is null)
                {
                    throw new JsonException("a score needs its 'source'");
                }

                if (score.Value is double value && !double.IsFinite(value))
                {
                    throw new JsonException($"the score {value} is not finite");
                }

                scores.Add(score);
            }
            catch (JsonException ex)
            {
                throw new CorpusFormatException(path, reader.LineNumber, $"not a score record: {ex.Message}", innerException: ex);
            }
        }

        if (header is null)
        {
            throw new CorpusFormatException(path, null, "the file is empty");
        }

        try
        {
            return new PairScores(header.Scorer, header.Generator, header.Oracle, scores);
        }
        catch (ArgumentException ex)
        {
            throw new CorpusFormatException(path, null, ex.Message, innerException: ex);
        }
    }

    private sealed record Header(string Scorer, string Generator, bool Oracle);
}
