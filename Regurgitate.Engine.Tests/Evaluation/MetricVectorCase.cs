using System.Text.Json;
using System.Text.Json.Serialization;
using Regurgitate.Engine.Tests.TestSupport;

namespace Regurgitate.Engine.Tests.Evaluation;

/// <summary>One case of <c>bleu_vectors_public.jsonl</c> (sacreBLEU 2.6.0 outputs); fields as in shared/eval/README.md.</summary>
public sealed class MetricVectorCase
{
    private static readonly Lazy<IReadOnlyDictionary<string, MetricVectorCase>> All = new(Load);

    public required string Id { get; init; }
    public required List<string> Hyps { get; init; }
    public required List<List<string?>> Refs { get; init; }
    public required string Tokenize { get; init; }
    public bool Lowercase { get; init; }
    public double Bleu { get; init; }
    public required string BleuStr { get; init; }
    public required string BleuSignature { get; init; }
    public required BleuDetail BleuDetail { get; init; }
    public required List<double> SentenceBleu { get; init; }
    public required string SentenceBleuSignature { get; init; }
    public double Chrf { get; init; }
    public required string ChrfSignature { get; init; }
    public required List<double> SentenceChrf { get; init; }
    public double ChrfPp { get; init; }
    public required string ChrfPpSignature { get; init; }
    public required List<double> SentenceChrfPp { get; init; }
    public double Ter { get; init; }
    public required string TerSignature { get; init; }
    public required TerDetail TerDetail { get; init; }
    public required List<double> SentenceTer { get; init; }

    public static IEnumerable<object[]> Ids => All.Value.Keys.Select(id => new object[] { id });

    public static MetricVectorCase Get(string id) => All.Value[id];

    public IReadOnlyList<IReadOnlyList<string?>> RefStreams => Refs;

    /// <summary>The non-null references of segment <paramref name="index"/>, as sentence scoring receives them.</summary>
    public IReadOnlyList<string> SegmentRefs(int index) =>
        Refs.Select(stream => stream[index]).OfType<string>().ToList();

    private static IReadOnlyDictionary<string, MetricVectorCase> Load()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var path = Path.Combine(SharedFolders.Eval, "bleu_vectors_public.jsonl");
        var cases = new Dictionary<string, MetricVectorCase>(StringComparer.Ordinal);
        // Split on '\n' only: a line reader would also break at '\r', and the cases are one JSON object per '\n'.
        foreach (var line in File.ReadAllText(path).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var c = JsonSerializer.Deserialize<MetricVectorCase>(line, options)
                ?? throw new InvalidDataException($"Unreadable case in {path}.");
            cases.Add(c.Id, c);
        }

        return cases;
    }
}
