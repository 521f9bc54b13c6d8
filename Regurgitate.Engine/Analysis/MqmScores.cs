namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Penalty weights of MQM scoring. The defaults are those of Freitag et al. 2021, "Experts, Errors, and Context: A
/// Large-Scale Study of Human Evaluation for Machine Translation" (TACL), Table 2: Major 5, Minor 1, a Minor
/// Fluency/Punctuation error 0.1, Non-translation 25 (whatever severity it was given), Neutral and No-error 0.
/// That scheme has no Critical level; later campaigns that use it are scored as Major by default (change
/// <see cref="Critical"/> to follow another convention).
/// </summary>
public sealed record MqmWeights
{
    public double Major { get; init; } = 5;
    public double Minor { get; init; } = 1;
    public double MinorPunctuation { get; init; } = 0.1;
    public double NonTranslation { get; init; } = 25;
    public double Critical { get; init; } = 5;

    /// <summary>The penalty of one annotation under these weights.</summary>
    public double Of(MqmAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        if (annotation.Severity is MqmSeverity.NoError or MqmSeverity.Neutral)
        {
            return 0;
        }

        if (MqmScores.IsNonTranslation(annotation.Category))
        {
            return NonTranslation;
        }

        return annotation.Severity switch
        {
            MqmSeverity.Major => Major,
            MqmSeverity.Critical => Critical,
            _ => string.Equals(annotation.Category, "Fluency/Punctuation", StringComparison.OrdinalIgnoreCase) ? MinorPunctuation : Minor,
        };
    }
}

/// <summary>
/// The MQM result of one system on one segment. <see cref="Score"/> is a penalty (0 best, higher worse): each rater's
/// weighted sum of errors, averaged over the raters who rated the segment (a rater with only a No-error row counts,
/// with 0). <see cref="HasMajorError"/> is true when any rater marked a Major or Critical error (Non-translation rows
/// carry a severity too; a Non-translation marked Minor does not make the segment "major").
/// </summary>
public sealed record MqmSegmentScore
{
    public required string System { get; init; }
    public required int SegmentId { get; init; }
    public required double Score { get; init; }
    public required int Raters { get; init; }

    /// <summary>Error annotations (Minor, Major, Critical; not Neutral or No-error), over all raters.</summary>
    public required int Errors { get; init; }

    public required bool HasMajorError { get; init; }

    /// <summary>Error annotations per category, over all raters, in ordinal order of category.</summary>
    public required IReadOnlyDictionary<string, int> CategoryCounts { get; init; }
}

/// <summary>Turns annotations into per-(system, segment) MQM scores (see <see cref="MqmWeights"/> for the weights).</summary>
public static class MqmScores
{
    /// <summary>Scores sorted by system (ordinal) then segment id; deterministic for any input order.</summary>
    public static IReadOnlyList<MqmSegmentScore> Compute(IEnumerable<MqmAnnotation> annotations, MqmWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        weights ??= new MqmWeights();
        return annotations
            .GroupBy(a => (a.System, a.SegmentId))
            .OrderBy(g => g.Key.System, StringComparer.Ordinal)
            .ThenBy(g => g.Key.SegmentId)
            .Select(g =>
            {
                var raters = g.Select(a => a.Rater).Distinct(StringComparer.Ordinal).Count();
                var errors = g.Where(a => a.Severity is MqmSeverity.Minor or MqmSeverity.Major or MqmSeverity.Critical).ToList();
                var categories = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var e in errors)
                {
                    categories[e.Category] = categories.GetValueOrDefault(e.Category) + 1;
                }

                return new MqmSegmentScore
                {
                    System = g.Key.System,
                    SegmentId = g.Key.SegmentId,
                    Score = g.Sum(weights.Of) / raters,
                    Raters = raters,
                    Errors = errors.Count,
                    HasMajorError = g.Any(a => a.Severity is MqmSeverity.Major or MqmSeverity.Critical),
                    CategoryCounts = categories,
                };
            })
            .ToList();
    }

    /// <summary>Error counts per category over a set of segment scores (e.g. one system), ordinal order.</summary>
    public static IReadOnlyDictionary<string, int> CategoryTotals(IEnumerable<MqmSegmentScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var totals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (category, count) in scores.SelectMany(s => s.CategoryCounts))
        {
            totals[category] = totals.GetValueOrDefault(category) + count;
        }

        return totals;
    }

    /// <summary>"Non-translation!" (Google's spelling) or "Non-translation", case-insensitive.</summary>
    public static bool IsNonTranslation(string category) =>
        category.TrimEnd('!').Trim().Equals("Non-translation", StringComparison.OrdinalIgnoreCase);
}
