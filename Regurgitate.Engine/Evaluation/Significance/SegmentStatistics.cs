namespace Regurgitate.Engine.Evaluation.Significance;

/// <summary>Computes a corpus score (0..100) from statistics summed over any multiset of segments.</summary>
public delegate double TotalsScorer(ReadOnlySpan<double> totals);

/// <summary>
/// Per-segment sufficient statistics of one metric for one system (sacreBLEU's
/// <c>_extract_corpus_statistics</c>): a row of <see cref="Width"/> numbers per segment whose column sums determine
/// the corpus score. Resampling sums rows, so it never tokenizes again. Layouts follow sacreBLEU: BLEU
/// <c>[hyp_len, ref_len, matches_1..n, totals_1..n]</c>, chrF <c>[hyp, ref, match]</c> per n-gram order (characters
/// first, then words), TER <c>[edits, average reference length]</c>. Values are exact integers except TER's average
/// reference length with several references.
/// </summary>
public sealed class SegmentStatistics
{
    private readonly double[] values;
    private readonly TotalsScorer scorer;

    public SegmentStatistics(string metricName, string signature, int width, double[] values, TotalsScorer scorer)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricName);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length % width != 0)
        {
            throw new ArgumentException($"{values.Length} values do not form rows of {width}.", nameof(values));
        }

        MetricName = metricName;
        Signature = signature;
        Width = width;
        this.values = values;
        this.scorer = scorer;
    }

    /// <summary>sacreBLEU's metric name: BLEU, chrF2, chrF2++, TER.</summary>
    public string MetricName { get; }

    public string Signature { get; }

    public int Width { get; }

    public int SegmentCount => values.Length / Width;

    /// <summary>All rows, segment after segment.</summary>
    public ReadOnlySpan<double> Values => values;

    public ReadOnlySpan<double> Segment(int index) => values.AsSpan(index * Width, Width);

    /// <summary>Column sums over all segments.</summary>
    public double[] Totals()
    {
        var totals = new double[Width];
        for (var offset = 0; offset < values.Length; offset += Width)
        {
            for (var k = 0; k < Width; k++)
            {
                totals[k] += values[offset + k];
            }
        }

        return totals;
    }

    public double Score(ReadOnlySpan<double> totals)
    {
        if (totals.Length != Width)
        {
            throw new ArgumentException($"Expected {Width} totals, got {totals.Length}.", nameof(totals));
        }

        return scorer(totals);
    }

    /// <summary>The corpus score over all segments (equals the metric's <c>CorpusScore</c>).</summary>
    public double CorpusScore() => scorer(Totals());
}
