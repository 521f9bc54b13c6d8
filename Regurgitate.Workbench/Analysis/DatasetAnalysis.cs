using Regurgitate.Engine.Analysis;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// A finished comparison: the engine's <see cref="DatasetReportResult"/> (side 0 is the human reference, then one side
/// per set, named by its id) and the aligned texts it was computed on, so that a page can show the worst sentences.
/// </summary>
public sealed record DatasetAnalysis
{
    public const string ReferenceSide = "human reference";

    public required string CorpusId { get; init; }
    public required IReadOnlyList<string> SetIds { get; init; }

    /// <summary>Display names of the sets (the generator's name), parallel to <see cref="SetIds"/>.</summary>
    public required IReadOnlyList<string> SetNames { get; init; }

    /// <summary>Pairs in the corpus pool, and how many of them every chosen set covers (the analysed input).</summary>
    public required int CorpusPairs { get; init; }
    public required int CommonPairs { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }
    public required IReadOnlyList<string> References { get; init; }

    /// <summary>Each set's targets for <see cref="Sources"/>, parallel to <see cref="SetIds"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Targets { get; init; }

    public required DatasetReportResult Report { get; init; }

    /// <summary>
    /// The <paramref name="count"/> analysed pairs of one set with the lowest sentence chrF (ties by input order), with
    /// their texts and reference-free signals.
    /// </summary>
    public IReadOnlyList<WorstInstance> WorstInstances(string setId, int count)
    {
        var k = SetIds.ToList().FindIndex(id => string.Equals(id, setId, StringComparison.OrdinalIgnoreCase));
        if (k < 0)
        {
            throw new ArgumentException($"'{setId}' is not one of the compared sets.", nameof(setId));
        }

        var errors = Report.Sides[k + 1].Errors;
        if (errors is null || Report.SampleIndices is not { } sample)
        {
            return [];
        }

        return Enumerable.Range(0, errors.PairIndices.Count)
            .OrderBy(i => errors.SentenceChrF[i])
            .ThenBy(i => i)
            .Take(count)
            .Select(i =>
            {
                var input = sample[errors.PairIndices[i]];
                return new WorstInstance(
                    input,
                    Sources[input],
                    References[input],
                    Targets[k][input],
                    errors.SentenceChrF[i],
                    errors.SentenceBleu[i],
                    errors.SentenceTer[i],
                    errors.PairSignals?[i]);
            })
            .ToArray();
    }
}

/// <summary>One analysed pair: its index in <see cref="DatasetAnalysis.Sources"/>, the texts, sentence scores and flagged signals.</summary>
public sealed record WorstInstance(
    int Index, string Source, string Reference, string Output, double ChrF, double Bleu, double Ter, PairErrorSignals? Signals)
{
    /// <summary>Names of the flagged signals, for display.</summary>
    public IReadOnlyList<string> Flags => Signals is not { } s
        ? []
        : new (bool On, string Name)[]
        {
            (s.Empty, "empty"), (s.Untranslated, "untranslated"), (s.NonEnglish, "non-English"), (s.Omission, "omission"),
            (s.Addition, "addition"), (s.NumberMismatch, "number mismatch"), (s.NameMismatch, "name mismatch"), (s.Loop, "repetition loop"),
        }.Where(f => f.On).Select(f => f.Name).ToArray();
}
