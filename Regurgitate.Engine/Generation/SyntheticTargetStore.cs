using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Generation;

/// <summary>
/// Reads and writes a <see cref="SyntheticTargetSet"/> as JSON Lines: the first line describes the generator, every
/// further line is one target with its provenance. Written to a temporary file and renamed, so a crash never leaves a
/// half-written set behind.
/// </summary>
public static class SyntheticTargetStore
{
    public const string FileName = "targets.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task SaveAsync(SyntheticTargetSet set, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            await writer.WriteLineAsync(JsonSerializer.Serialize(new Header(set.Generator), Json)).ConfigureAwait(false);
            foreach (var target in set.Targets)
            {
                token.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(JsonSerializer.Serialize(target, Json)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="CorpusFormatException">A line is not valid JSON of the expected shape; names file and line.</exception>
    public static async Task<SyntheticTargetSet> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Synthetic target set '{path}' does not exist.", path);
        }

        await using var reader = Utf8LineReader.Open(path, 1 << 22);
        GeneratorDescriptor? generator = null;
        var targets = new List<SyntheticTarget>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.Current.Length == 0)
            {
                continue;
            }

            try
            {
                if (generator is null)
                {
                    generator = JsonSerializer.Deserialize<Header>(reader.Current, Json)?.Generator
                        ?? throw new JsonException("the first line must describe the generator");
                    continue;
                }

                var target = JsonSerializer.Deserialize<SyntheticTarget>(reader.Current, Json) ?? throw new JsonException("null target");
                if ((target.Text is null) == (target.Failure is null))
                {
                    throw new JsonException("a target needs either 'text' or 'failure', not both or neither");
                }

                targets.Add(target);
            }
            catch (JsonException ex)
            {
                throw new CorpusFormatException(path, reader.LineNumber, $"not a synthetic target record: {ex.Message}", innerException: ex);
            }
        }

        return new SyntheticTargetSet(generator ?? throw new CorpusFormatException(path, null, "the file is empty"), targets);
    }

    private sealed record Header(GeneratorDescriptor Generator);
}
