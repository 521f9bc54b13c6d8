namespace Regurgitate.Engine.Analysis;

/// <summary>
/// How well one automatic detector finds the segments human raters marked with a Major or Critical error: a
/// confusion matrix over segments (positive = flagged by the detector, truth = <see cref="MqmSegmentScore.HasMajorError"/>).
/// Precision, recall and F1 are null when their denominator is 0.
/// </summary>
public sealed record MqmDetectorAgreement(string Detector, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);
    public double? Recall => TruePositives + FalseNegatives == 0 ? null : (double)TruePositives / (TruePositives + FalseNegatives);

    public double? F1 => Precision is { } p && Recall is { } r && p + r > 0 ? 2 * p * r / (p + r) : (Precision is null || Recall is null ? null : 0);
}

/// <summary>Agreement of human MQM annotations with the automatic measures on the segments of one system.</summary>
public sealed record MqmAgreementResult
{
    /// <summary>Segments both annotated and scored automatically.</summary>
    public required int Segments { get; init; }

    /// <summary>Annotated segments that had no automatic score (out of range or without reference) and were left out.</summary>
    public required int Unmatched { get; init; }

    /// <summary>Segments with a human Major/Critical error.</summary>
    public required int HumanMajorSegments { get; init; }

    /// <summary>Pearson r between human quality (−MQM penalty) and sentence chrF: positive means agreement. Null if either is constant or fewer than 2 segments.</summary>
    public required double? Pearson { get; init; }

    /// <summary>Kendall τ-b between −MQM and sentence chrF (ties on either side handled as in τ-b). Null as for <see cref="Pearson"/>.</summary>
    public required double? KendallTauB { get; init; }

    /// <summary>One row per automatic error signal (when signals were computed), then "chrF &lt; threshold".</summary>
    public required IReadOnlyList<MqmDetectorAgreement> Detectors { get; init; }

    public required double ChrFThreshold { get; init; }
}

/// <summary>
/// Agreement between human MQM annotations and the automatic signals of <see cref="ErrorAnalysis"/>. Pure and
/// deterministic: the same inputs give the same numbers, in the same order.
/// </summary>
public static class MqmAgreement
{
    /// <summary>The reference-free signal flags compared against human Major errors, in display order.</summary>
    public static readonly IReadOnlyList<(string Name, Func<PairErrorSignals, bool> Flag)> SignalFlags =
    [
        ("empty", s => s.Empty),
        ("untranslated", s => s.Untranslated),
        ("omission", s => s.Omission),
        ("addition", s => s.Addition),
        ("number mismatch", s => s.NumberMismatch),
        ("name mismatch", s => s.NameMismatch),
        ("loop", s => s.Loop),
        ("non-English", s => s.NonEnglish),
        ("any signal", s => s.Any),
    ];

    /// <summary>
    /// Matches the annotated segments of one system to an analysis of the same test set. MQM segment ids are 1-based
    /// positions in the test set (as in the WMT files), so by default segment <c>k</c> is input pair <c>k − 1</c>;
    /// pass <paramref name="pairIndexOf"/> for another mapping (return null to skip a segment).
    /// </summary>
    public static MqmAgreementResult Compute(
        IReadOnlyList<MqmSegmentScore> system,
        ErrorAnalysisResult analysis,
        double? chrFThreshold = null,
        Func<int, int?>? pairIndexOf = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(analysis);
        pairIndexOf ??= segment => segment - 1;
        var position = new Dictionary<int, int>(analysis.PairIndices.Count);
        for (var i = 0; i < analysis.PairIndices.Count; i++)
        {
            position[analysis.PairIndices[i]] = i;
        }

        var matched = new List<MqmSegmentScore>();
        var chrF = new List<double>();
        var signals = analysis.PairSignals is null ? null : new List<PairErrorSignals>();
        foreach (var segment in system)
        {
            if (pairIndexOf(segment.SegmentId) is { } pair && position.TryGetValue(pair, out var at))
            {
                matched.Add(segment);
                chrF.Add(analysis.SentenceChrF[at]);
                signals?.Add(analysis.PairSignals![at]);
            }
        }

        return Compute(matched, chrF, signals, chrFThreshold ?? analysis.Options.ChrFThreshold) with { Unmatched = system.Count - matched.Count };
    }

    /// <summary>Agreement over aligned lists: segment i has MQM <paramref name="segments"/>[i], chrF <paramref name="chrF"/>[i] and signals [i].</summary>
    public static MqmAgreementResult Compute(
        IReadOnlyList<MqmSegmentScore> segments,
        IReadOnlyList<double> chrF,
        IReadOnlyList<PairErrorSignals>? signals,
        double chrFThreshold)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(chrF);
        if (chrF.Count != segments.Count || (signals is not null && signals.Count != segments.Count))
        {
            throw new ArgumentException($"Segments ({segments.Count}), chrF ({chrF.Count}) and signals ({signals?.Count}) must be aligned.");
        }

        var quality = segments.Select(s => -s.Score).ToArray();
        var truth = segments.Select(s => s.HasMajorError).ToArray();
        var detectors = new List<MqmDetectorAgreement>();
        if (signals is not null)
        {
            foreach (var (name, flag) in SignalFlags)
            {
                detectors.Add(Confusion(name, signals.Select(flag).ToArray(), truth));
            }
        }

        detectors.Add(Confusion($"chrF < {chrFThreshold:0.##}", chrF.Select(c => c < chrFThreshold).ToArray(), truth));
        return new MqmAgreementResult
        {
            Segments = segments.Count,
            Unmatched = 0,
            HumanMajorSegments = truth.Count(t => t),
            Pearson = Pearson(quality, chrF),
            KendallTauB = KendallTauB(quality, chrF),
            Detectors = detectors,
            ChrFThreshold = chrFThreshold,
        };
    }

    /// <summary>Confusion counts of <paramref name="predicted"/> against <paramref name="truth"/>.</summary>
    public static MqmDetectorAgreement Confusion(string detector, IReadOnlyList<bool> predicted, IReadOnlyList<bool> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count)
        {
            throw new ArgumentException($"Predictions ({predicted.Count}) and truth ({truth.Count}) must be aligned.");
        }

        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            _ = (predicted[i], truth[i]) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, true) => fn++,
                (false, false) => tn++,
            };
        }

        return new MqmDetectorAgreement(detector, tp, fp, fn, tn);
    }

    /// <summary>Pearson's r; null with fewer than 2 points or a constant side.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckAligned(x, y);
        var n = x.Count;
        if (n < 2)
        {
            return null;
        }

        double meanX = x.Average(), meanY = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? null : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>
    /// Spearman's ρ: Pearson's r of the two series' average ranks (<see cref="AverageRanks"/>), so ties share their mean
    /// rank. Null as for <see cref="Pearson"/> (fewer than 2 points, or a side whose values are all tied).
    /// </summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckAligned(x, y);
        return Pearson(AverageRanks.Of(x), AverageRanks.Of(y));
    }

    /// <summary>
    /// Kendall's τ-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), with n₀ = n(n−1)/2 and n₁, n₂ the pairs tied in x and in y
    /// (a pair tied in both counts in each). Exact O(n²) pair count, fine for test-set sizes. Null when either side is
    /// constant or fewer than 2 points.
    /// </summary>
    public static double? KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckAligned(x, y);
        var n = x.Count;
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var sx = Math.Sign(x[i] - x[j]);
                var sy = Math.Sign(y[i] - y[j]);
                if (sx == 0)
                {
                    tiedX++;
                }

                if (sy == 0)
                {
                    tiedY++;
                }

                if (sx != 0 && sy != 0)
                {
                    if (sx == sy)
                    {
                        concordant++;
                    }
                    else
                    {
                        discordant++;
                    }
                }
            }
        }

        var pairs = (long)n * (n - 1) / 2;
        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? null : (concordant - discordant) / denominator;
    }

    private static void CheckAligned(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The two series must have the same length ({x.Count} vs {y.Count}).");
        }
    }
}
