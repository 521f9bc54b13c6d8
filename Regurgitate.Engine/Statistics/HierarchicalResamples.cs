namespace Regurgitate.Engine.Statistics;

/// <summary>
/// What <see cref="HierarchicalBootstrap.Resample"/> produced: every run's corpus score on the whole test set and, for
/// each resample, every condition's mean score over the resampled seed slots. Conditions and seeds are numbered as in
/// the input.
/// </summary>
public sealed class HierarchicalResamples
{
    private readonly double[][] scores;
    private readonly double[] means;

    internal HierarchicalResamples(double[][] scores, double[] means, int count)
    {
        this.scores = scores;
        this.means = means;
        Count = count;
    }

    /// <summary>Number of resamples.</summary>
    public int Count { get; }

    public int Conditions => scores.Length;

    public int Seeds => scores[0].Length;

    /// <summary>Corpus score of <paramref name="condition"/>'s run with the <paramref name="seed"/>-th seed, on the whole test set.</summary>
    public double Score(int condition, int seed) => scores[condition][seed];

    /// <summary><paramref name="condition"/>'s mean score over the seed slots of resample <paramref name="resample"/>.</summary>
    public double Mean(int resample, int condition) => means[(resample * Conditions) + condition];

    /// <summary>
    /// Condition <paramref name="a"/> minus condition <paramref name="b"/>: the mean of the per-seed differences, its
    /// percentile interval over the resamples and the t-interval over the per-seed differences.
    /// </summary>
    public PairedDifference Difference(int a, int b, double level = ConfidenceInterval.DefaultLevel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(a, Conditions);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b, Conditions);
        double[] perSeed = [.. scores[a].Zip(scores[b], (x, y) => x - y)];
        double[] resampled = [.. Enumerable.Range(0, Count).Select(r => Mean(r, a) - Mean(r, b))];
        return new PairedDifference(perSeed.Average(), ConfidenceInterval.Percentile(resampled, level), ConfidenceInterval.StudentT(perSeed, level), Seeds);
    }
}
