using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class MqmScoresTests
{
    private static MqmAnnotation A(string system, int segment, string rater, string category, MqmSeverity severity) =>
        new(system, "doc", "1", segment, rater, "src", "tgt", category, severity, 0);

    [Fact]
    public void Scores_follow_the_freitag_2021_weights_averaged_over_raters()
    {
        MqmAnnotation[] rows =
        [
            A("B", 1, "r1", "Non-translation!", MqmSeverity.Minor),
            A("A", 2, "r1", "Fluency/Grammar", MqmSeverity.Minor),
            A("A", 2, "r1", "Other", MqmSeverity.Neutral),
            A("A", 2, "r2", "Non-translation!", MqmSeverity.Major),
            A("A", 1, "r1", "Accuracy/Mistranslation", MqmSeverity.Major),
            A("A", 1, "r1", "Fluency/Punctuation", MqmSeverity.Minor),
            A("A", 1, "r2", "No-error", MqmSeverity.NoError),
            A("A", 3, "r1", "Accuracy/Omission", MqmSeverity.Critical),
            A("A", 3, "r1", "Style/Awkward", MqmSeverity.Minor),
        ];

        var scores = MqmScores.Compute(rows);

        Assert.Equal([("A", 1), ("A", 2), ("A", 3), ("B", 1)], scores.Select(s => (s.System, s.SegmentId)));
        // A/1: r1 = Major 5 + Minor punctuation 0.1, r2 = no error 0 → 5.1 / 2.
        Assert.Equal(2.55, scores[0].Score, 12);
        Assert.Equal(2, scores[0].Raters);
        Assert.Equal(2, scores[0].Errors);
        Assert.True(scores[0].HasMajorError);
        Assert.Equal(new Dictionary<string, int> { ["Accuracy/Mistranslation"] = 1, ["Fluency/Punctuation"] = 1 }, scores[0].CategoryCounts);
        // A/2: r1 = Minor 1 + Neutral 0, r2 = Non-translation 25 → 26 / 2.
        Assert.Equal(13, scores[1].Score, 12);
        Assert.True(scores[1].HasMajorError);
        // A/3: Critical (scored as Major) 5 + Minor 1, one rater.
        Assert.Equal(6, scores[2].Score, 12);
        Assert.True(scores[2].HasMajorError);
        // B/1: a Non-translation costs 25 whatever its severity, but a Minor one is not a major error.
        Assert.Equal(25, scores[3].Score, 12);
        Assert.False(scores[3].HasMajorError);

        var totals = MqmScores.CategoryTotals(scores.Where(s => s.System == "A"));
        Assert.Equal(["Accuracy/Mistranslation", "Accuracy/Omission", "Fluency/Grammar", "Fluency/Punctuation", "Non-translation!", "Style/Awkward"], totals.Keys);
        Assert.All(totals.Values, v => Assert.Equal(1, v));

        Assert.Equal(scores, MqmScores.Compute(rows.Reverse()), new ScoreComparer());
    }

    [Fact]
    public void Weights_can_be_changed()
    {
        var scores = MqmScores.Compute([A("A", 1, "r1", "Accuracy/Omission", MqmSeverity.Critical)], new MqmWeights { Critical = 10 });
        Assert.Equal(10, Assert.Single(scores).Score);
    }

    private sealed class ScoreComparer : IEqualityComparer<MqmSegmentScore>
    {
        public bool Equals(MqmSegmentScore? x, MqmSegmentScore? y) =>
            x is not null && y is not null && x.System == y.System && x.SegmentId == y.SegmentId && x.Score == y.Score &&
            x.Raters == y.Raters && x.CategoryCounts.SequenceEqual(y.CategoryCounts);

        public int GetHashCode(MqmSegmentScore obj) => HashCode.Combine(obj.System, obj.SegmentId);
    }
}
