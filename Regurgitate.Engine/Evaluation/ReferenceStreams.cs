namespace Regurgitate.Engine.Evaluation;

/// <summary>Argument checks, the walk over segments and their references, and the <c>nrefs</c> field shared by the corpus metrics.</summary>
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
    /// Hands each segment's index and references to <paramref name="addSegment"/> in corpus order (arguments checked
    /// by <see cref="Validate"/> first), and returns sacreBLEU's <c>nrefs</c> signature field for them
    /// (<see cref="FormatRefCount"/>; an empty corpus counts every stream). The list handed over is reused: copy it to keep it.
    /// </summary>
    public static string EachSegment(
        IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams, Action<int, List<string>> addSegment)
    {
        ArgumentNullException.ThrowIfNull(addSegment);
        int minRefs = int.MaxValue, maxRefs = 0;
        var references = new List<string>();
        for (var i = 0; i < hypotheses.Count; i++)
        {
            Gather(referenceStreams, i, references);
            minRefs = Math.Min(minRefs, references.Count);
            maxRefs = Math.Max(maxRefs, references.Count);
            addSegment(i, references);
        }

        if (hypotheses.Count == 0)
        {
            minRefs = maxRefs = referenceStreams.Count;
        }

        return FormatRefCount(minRefs, maxRefs);
    }

    /// <summary>
    /// The references of segment <paramref name="index"/>. A null entry means "no reference in this stream" and is
    /// skipped, as sacreBLEU does; an empty string is a real (empty) reference.
    /// </summary>
    private static void Gather(IReadOnlyList<IReadOnlyList<string?>> referenceStreams, int index, List<string> into)
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
    private static string FormatRefCount(int min, int max) =>
        min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "var";
}
