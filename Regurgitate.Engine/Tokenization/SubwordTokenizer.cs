using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// Byte-level BPE tokenizer for the translation model: our learned <see cref="BpeModel"/> applied by
/// Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> (with <c>ByteLevel</c> on).
/// </summary>
/// <remarks>
/// <para>Text is split by <see cref="SubwordPreTokenizer"/>, each piece is turned into UTF-8 bytes, and the merges are
/// applied in rank order. Because the 256 byte tokens are always in the vocabulary, nothing is ever unknown and
/// <c>Decode(Encode(s)) == s</c> for every well-formed string, whitespace included.</para>
/// <para>Special tokens are deliberately not registered with <see cref="BpeTokenizer"/>: it would map a pre-tokenized
/// piece that equals "&lt;s&gt;" to BOS, so literal text could turn into control tokens. They live only in our id space
/// and <see cref="Decode"/> drops them.</para>
/// </remarks>
public sealed class SubwordTokenizer
{
    public const string VocabularyFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";

    private const string MergesHeader = "#version: 0.2";

    private readonly BpeTokenizer bpe;

    public SubwordTokenizer(BpeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var vocabulary = new Dictionary<string, int>(model.Tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < model.Tokens.Count; id++)
        {
            vocabulary.Add(model.Tokens[id], id);
        }

        bpe = BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = model.Merges.Select(m => m.ToString()),
            PreTokenizer = SubwordPreTokenizer.Instance,
            ByteLevel = true,
        });
    }

    public BpeModel Model { get; }

    public int VocabularySize => Model.Tokens.Count;

    public int PadId => SpecialTokens.PadId;

    public int BosId => SpecialTokens.BosId;

    public int EosId => SpecialTokens.EosId;

    /// <summary>Reserved for compatibility; byte-level encoding never produces it.</summary>
    public int UnknownId => SpecialTokens.UnknownId;

    /// <summary>Token ids of <paramref name="text"/>, without BOS/EOS.</summary>
    /// <exception cref="ArgumentException">The text contains an unpaired surrogate, which has no UTF-8 form and so
    /// could not round-trip (text read from UTF-8 files never does).</exception>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureWellFormed(text);
        return bpe.EncodeToIds(text);
    }

    /// <summary>The token strings (byte-level alphabet, e.g. "Ġthe") for <paramref name="text"/>; for inspection.</summary>
    public IReadOnlyList<string> EncodeToTokens(string text) => [.. Encode(text).Select(id => Model.Tokens[id])];

    /// <summary>Text for <paramref name="ids"/>, skipping pad/BOS/EOS/unk. Byte sequences that are not valid UTF-8 (a
    /// model can emit half a character) become U+FFFD.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var content = new List<int>();
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside the vocabulary (size {VocabularySize}).");
            }

            if (!SpecialTokens.IsSpecialId(id))
            {
                content.Add(id);
            }
        }

        return content.Count == 0 ? string.Empty : bpe.Decode(content) ?? string.Empty;
    }

    /// <summary>Writes <c>vocab.json</c> (token → id) and <c>merges.txt</c> (GPT-2/Hugging Face formats).</summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);

        using (var buffer = new MemoryStream())
        {
            // Relaxed escaping keeps tokens such as "Ġüber" readable; the file is never embedded in HTML.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                for (var id = 0; id < Model.Tokens.Count; id++)
                {
                    writer.WriteNumber(Model.Tokens[id], id);
                }

                writer.WriteEndObject();
            }

            AtomicFile.WriteAllBytes(Path.Combine(directory, VocabularyFileName), buffer.ToArray());
        }

        var merges = new StringBuilder(MergesHeader).Append('\n');
        foreach (var merge in Model.Merges)
        {
            merges.Append(merge.Left).Append(' ').Append(merge.Right).Append('\n');
        }

        AtomicFile.WriteAllText(Path.Combine(directory, MergesFileName), merges.ToString());
    }

    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="TokenizerFileException">A file is malformed or the two files disagree; names the file and,
    /// where possible, the line.</exception>
    public static SubwordTokenizer Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var vocabularyPath = Path.Combine(directory, VocabularyFileName);
        var mergesPath = Path.Combine(directory, MergesFileName);
        var tokens = ReadVocabulary(vocabularyPath);
        var (merges, lines) = ReadMerges(mergesPath);

        if (BpeModelValidator.FindProblem(tokens, merges) is { } problem)
        {
            throw problem.InMerges
                ? new TokenizerFileException(mergesPath, problem.Index >= 0 ? lines[problem.Index] : null, problem.Message)
                : new TokenizerFileException(vocabularyPath, null, problem.Message);
        }

        return new SubwordTokenizer(new BpeModel(tokens, merges));
    }

    private static string[] ReadVocabulary(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Tokenizer vocabulary not found: {path}", path);
        }

        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new TokenizerFileException(path, e.LineNumber is { } line ? (int)line + 1 : null, $"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TokenizerFileException(path, null, "expected a JSON object mapping tokens to ids");
            }

            var byId = new SortedDictionary<int, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var id) || id < 0)
                {
                    throw new TokenizerFileException(path, null, $"token '{property.Name}' has id {property.Value}, expected a non-negative integer");
                }

                if (!byId.TryAdd(id, property.Name))
                {
                    throw new TokenizerFileException(path, null, $"id {id} is used by both '{byId[id]}' and '{property.Name}'");
                }
            }

            var tokens = byId.Values.ToArray();
            if (byId.Count > 0 && byId.Keys.Last() != tokens.Length - 1)
            {
                var gap = Enumerable.Range(0, tokens.Length).First(i => !byId.ContainsKey(i));
                throw new TokenizerFileException(path, null, $"ids must be 0..{tokens.Length - 1} without gaps; id {gap} is missing");
            }

            return tokens;
        }
    }

    private static (List<BpeMerge> Merges, List<int> Lines) ReadMerges(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Tokenizer merges not found: {path}", path);
        }

        var merges = new List<BpeMerge>();
        var lines = new List<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0)
            {
                throw new TokenizerFileException(path, lineNumber, $"expected two tokens separated by one space, found '{line}'");
            }

            merges.Add(new BpeMerge(line[..space], line[(space + 1)..]));
            lines.Add(lineNumber);
        }

        return (merges, lines);
    }

    private static void EnsureWellFormed(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return;
        }

        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                throw new ArgumentException($"The text has an unpaired surrogate at index {i}.", nameof(text));
            }
        }
    }
}
