using Regurgitate.Engine.Data;
using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>Trains a <see cref="HumanTextDetector"/> on part of the sources and measures it on the rest.</summary>
public static class DetectorTraining
{
    private const ulong SplitStream = 0x5350_4C49_5453_5243UL; // "SPLITSRC"

    /// <summary>
    /// Seeded split by <see cref="DetectorExample.SourceKey"/>: all translations of one source land on the same side, so
    /// the held-out texts translate sources the detector never saw. Keys are ordered ordinally before shuffling, so the
    /// split depends on the set of keys and the seed, not on the order of <paramref name="examples"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two sources, or a fraction outside (0, 1).</exception>
    public static (IReadOnlyList<DetectorExample> Train, IReadOnlyList<DetectorExample> Test) SplitBySource(
        IReadOnlyList<DetectorExample> examples, double heldOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
        {
            throw new ArgumentException($"The held-out fraction must lie in (0, 1); got {heldOutFraction}.", nameof(heldOutFraction));
        }

        var keys = examples.Select(e => e.SourceKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length < 2)
        {
            throw new ArgumentException($"A split by source needs at least two distinct sources; got {keys.Length}.", nameof(examples));
        }

        var testCount = Math.Clamp((int)Math.Round(keys.Length * heldOutFraction), 1, keys.Length - 1);
        var order = new DeterministicRandom(seed, SplitStream).Permutation(keys.Length);
        var testKeys = order.Take(testCount).Select(i => keys[i]).ToHashSet(StringComparer.Ordinal);
        return ([.. examples.Where(e => !testKeys.Contains(e.SourceKey))], [.. examples.Where(e => testKeys.Contains(e.SourceKey))]);
    }

    /// <summary>
    /// Splits with <see cref="DetectorOptions.Seed"/>, trains on the training sources and evaluates on the held-out ones.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input (see <see cref="HumanTextDetector.Train"/>), or a side of the split lacks one class.</exception>
    public static (HumanTextDetector Detector, DetectorReport Report) TrainAndEvaluate(
        IReadOnlyList<DetectorExample> examples,
        double heldOutFraction,
        DetectorOptions options,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        HumanTextDetector.ValidateExamples(examples, nameof(examples));
        var (train, test) = SplitBySource(examples, heldOutFraction, options.Seed);
        if (!HasBothClasses(train) || !HasBothClasses(test))
        {
            throw new ArgumentException(
                $"After the split by source ({train.Count} training, {test.Count} held-out texts) a side lacks human or machine texts; give more sources or another fraction.",
                nameof(examples));
        }

        var trainingProgress = ScaledProgress.Of(progress, 0, 0.95);
        var detector = HumanTextDetector.Train(train, options, trainingProgress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var report = Evaluate(detector, test, train.Count);
        progress?.Report(1);
        return (detector, report);
    }

    /// <summary>Scores <paramref name="test"/> (which must hold both classes) and summarises the scores.</summary>
    public static DetectorReport Evaluate(HumanTextDetector detector, IReadOnlyList<DetectorExample> test, int trainExamples)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(test);
        var probabilities = detector.ProbabilityHuman([.. test.Select(e => e.Text)]);
        var labels = test.Select(e => e.IsHuman).ToArray();
        return new DetectorReport(
            trainExamples,
            test.Count,
            DetectorMetrics.Accuracy(probabilities, labels),
            DetectorMetrics.RocAuc(probabilities, labels),
            DetectorMetrics.Brier(probabilities, labels),
            DetectorMetrics.Ece(probabilities, labels),
            DetectorMetrics.RocCurve(probabilities, labels),
            DetectorMetrics.Calibration(probabilities, labels));
    }

    private static bool HasBothClasses(IReadOnlyList<DetectorExample> examples) =>
        examples.Any(e => e.IsHuman) && examples.Any(e => !e.IsHuman);
}
