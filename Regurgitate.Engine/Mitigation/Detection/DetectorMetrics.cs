using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// Scores of predicted probabilities against labels, with human as the positive class. Every method takes the
/// probabilities and labels as parallel lists of equal, non-zero length.
/// </summary>
public static class DetectorMetrics
{
    public const int DefaultBins = 10;

    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic: the probability that a random human text scores above a
    /// random machine text, ties counting one half (so constant scores give 0.5).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, are zero, or only one class is present.</exception>
    public static double RocAuc(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman)
    {
        var (positives, negatives) = CountClasses(probabilityHuman, isHuman);
        var ranks = AverageRanks.Of(probabilityHuman);
        var positiveRankSum = 0.0;
        for (var i = 0; i < ranks.Length; i++)
        {
            positiveRankSum += isHuman[i] ? ranks[i] : 0;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// The ROC curve from (0, 0) to (1, 1), one point per distinct score taken as threshold (descending). The first
    /// point's threshold is just above the highest score (nothing is called human).
    /// </summary>
    public static IReadOnlyList<RocPoint> RocCurve(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman)
    {
        var (positives, negatives) = CountClasses(probabilityHuman, isHuman);
        var order = Enumerable.Range(0, probabilityHuman.Count).OrderByDescending(i => probabilityHuman[i]).ToArray();
        var points = new List<RocPoint> { new(0, 0, Math.BitIncrement(probabilityHuman[order[0]])) };
        int truePositives = 0, falsePositives = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (isHuman[order[k]])
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            if (k + 1 == order.Length || probabilityHuman[order[k + 1]] != probabilityHuman[order[k]])
            {
                points.Add(new RocPoint((double)falsePositives / negatives, (double)truePositives / positives, probabilityHuman[order[k]]));
            }
        }

        return points;
    }

    /// <summary>Mean squared difference between the probability and the 0/1 label.</summary>
    public static double Brier(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman)
    {
        CheckLengths(probabilityHuman, isHuman);
        var sum = 0.0;
        for (var i = 0; i < probabilityHuman.Count; i++)
        {
            var error = probabilityHuman[i] - (isHuman[i] ? 1 : 0);
            sum += error * error;
        }

        return sum / probabilityHuman.Count;
    }

    /// <summary>Share of texts on the right side of <paramref name="threshold"/> (at or above it means human).</summary>
    public static double Accuracy(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman, double threshold = 0.5)
    {
        CheckLengths(probabilityHuman, isHuman);
        var correct = 0;
        for (var i = 0; i < probabilityHuman.Count; i++)
        {
            correct += (probabilityHuman[i] >= threshold) == isHuman[i] ? 1 : 0;
        }

        return (double)correct / probabilityHuman.Count;
    }

    /// <summary>Equal-width bins over [0, 1]; every bin is returned, empty ones with count 0.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman, int bins = DefaultBins)
    {
        CheckLengths(probabilityHuman, isHuman);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var counts = new int[bins];
        var predicted = new double[bins];
        var humans = new double[bins];
        for (var i = 0; i < probabilityHuman.Count; i++)
        {
            var p = probabilityHuman[i];
            var bin = Math.Clamp((int)(p * bins), 0, bins - 1);
            counts[bin]++;
            predicted[bin] += p;
            humans[bin] += isHuman[i] ? 1 : 0;
        }

        return [.. Enumerable.Range(0, bins).Select(b => new CalibrationBin(
            (double)b / bins,
            (double)(b + 1) / bins,
            counts[b],
            counts[b] == 0 ? 0 : predicted[b] / counts[b],
            counts[b] == 0 ? 0 : humans[b] / counts[b]))];
    }

    /// <summary>Expected calibration error: the count-weighted mean of |mean predicted − observed human share| over the bins.</summary>
    public static double Ece(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman, int bins = DefaultBins) =>
        Calibration(probabilityHuman, isHuman, bins).Sum(b => (double)b.Count / probabilityHuman.Count * Math.Abs(b.MeanPredicted - b.ObservedHumanShare));

    private static (int Positives, int Negatives) CountClasses(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman)
    {
        CheckLengths(probabilityHuman, isHuman);
        var positives = isHuman.Count(h => h);
        if (positives == 0 || positives == isHuman.Count)
        {
            throw new ArgumentException("ROC needs both human and machine texts.", nameof(isHuman));
        }

        return (positives, isHuman.Count - positives);
    }

    private static void CheckLengths(IReadOnlyList<double> probabilityHuman, IReadOnlyList<bool> isHuman)
    {
        ArgumentNullException.ThrowIfNull(probabilityHuman);
        ArgumentNullException.ThrowIfNull(isHuman);
        if (probabilityHuman.Count != isHuman.Count || probabilityHuman.Count == 0)
        {
            throw new ArgumentException(
                $"Probabilities ({probabilityHuman.Count}) and labels ({isHuman.Count}) must be equally many and not none.", nameof(isHuman));
        }

        if (probabilityHuman.Any(p => !double.IsFinite(p) || p < 0 || p > 1))
        {
            throw new ArgumentException("Probabilities must lie in [0, 1].", nameof(probabilityHuman));
        }
    }
}
