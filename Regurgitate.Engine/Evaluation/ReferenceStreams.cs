namespace Regurgitate.Engine.Evaluation;

/// <summary>Argument checks and per-segment reference gathering shared by the corpus metrics.</summary>
internal static class ReferenceStreams
{
    public static void Validate(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        if (referenceStreams.Count == 0)
        {
            throw new ArgumentException("At least one reference stream is required.", nameof(referenceStreams));
        }

        for (var s = 0; s < referenceStreams.Count; s++)
        {
            var stream = referenceStreams[s] ?? throw new ArgumentException(
                $"Reference stream {s} is null.", nameof(referenceStreams));
            if (stream.Count != hypotheses.Count)
            {
                throw new ArgumentException(
                    $"Reference stream {s} has {stream.Count} segments but there are {hypotheses.Count} hypotheses.",
                    nameof(referenceStreams));
            }
        }

        for (var i = 0; i < hypotheses.Count; i++)
        {
            if (hypotheses[i] is null)
            {
                throw new ArgumentException($"Hypothesis {i} is null.", nameof(hypotheses));
            }
        }
    }

    /// <summary>
    /// The references of segment <paramref name="index"/>. A null entry means "no reference in this stream" and is
    /// skipped, as sacreBLEU does; an empty string is a real (empty) reference.
    /// </summary>
    public static void Gather(IReadOnlyList<IReadOnlyList<string?>> referenceStreams, int index, List<string> into)
    {
        into.Clear();
        foreach (var stream in referenceStreams)
        {
            if (stream[index] is { } reference)
            {
                into.Add(reference);
            }
        }

        // sacreBLEU 2.6 would go on with zero references and then fail or report a reference length of -1.
        if (into.Count == 0)
        {
            throw new ArgumentException($"Segment {index} has no reference in any stream (all entries are null).");
        }
    }

    public static void ValidateSentence(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is required.", nameof(references));
        }

        for (var i = 0; i < references.Count; i++)
        {
            if (references[i] is null)
            {
                throw new ArgumentException($"Reference {i} is null.", nameof(references));
            }
        }
    }

    /// <summary>sacreBLEU's <c>nrefs</c> field: the count if every segment had the same number, else "var".</summary>
    public static string FormatRefCount(int min, int max) =>
        min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "var";
}
