namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// sacreBLEU's <c>lib_ter</c>: greedy Tercom shifts followed by a beam-limited Levenshtein distance, with the same
/// candidate order, limits and tie-breaking so that edit counts agree with sacreBLEU (which itself can differ from
/// Tercom in degenerate cases). Words are interned ids.
/// </summary>
internal static class TranslationEditRate
{
    private const int MaxShiftSize = 10;
    private const int MaxShiftDistance = 50;
    private const int MaxShiftCandidates = 1000;

    /// <summary>Returns (number of edits, reference length) as sacreBLEU's <c>translation_edit_rate</c>.</summary>
    public static (int Edits, int RefLength) Compute(int[] hypothesis, int[] reference)
    {
        if (reference.Length == 0)
        {
            return (hypothesis.Length, 0);
        }

        using var distance = new BeamEditDistance(reference, hypothesis.Length);
        var shifts = 0;
        var words = hypothesis;
        var checkedCandidates = 0;
        while (true)
        {
            var (delta, shifted) = Shift(words, reference, distance, ref checkedCandidates);
            if (checkedCandidates >= MaxShiftCandidates || delta <= 0)
            {
                break;
            }

            shifts++;
            words = shifted;
        }

        return (shifts + distance.Full(words).Distance, reference.Length);
    }

    private static (int Delta, int[] Words) Shift(int[] words, int[] reference, BeamEditDistance distance, ref int checkedCandidates)
    {
        var (preScore, inverseTrace) = distance.Full(words);

        // The alignment reads the trace as rewriting the reference into the hypothesis, hence flipped ins/del.
        var align = new int[reference.Length];
        var hypErr = new int[words.Length];
        var refErr = new int[reference.Length];
        int posHyp = -1, posRef = -1;
        foreach (var op in inverseTrace)
        {
            switch (op)
            {
                case BeamEditDistance.OpNop or BeamEditDistance.OpSub:
                    posHyp++;
                    posRef++;
                    align[posRef] = posHyp;
                    hypErr[posHyp] = refErr[posRef] = op == BeamEditDistance.OpSub ? 1 : 0;
                    break;
                case BeamEditDistance.OpDel:
                    posHyp++;
                    hypErr[posHyp] = 1;
                    break;
                case BeamEditDistance.OpIns:
                    posRef++;
                    align[posRef] = posHyp;
                    refErr[posRef] = 1;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown edit operation '{(char)op}'.");
            }
        }

        var candidates = checkedCandidates;
        var found = false;
        int bestDelta = 0, bestLength = 0, bestStart = 0, bestIdx = 0;
        int[]? bestWords = null;
        var stop = false;
        for (var startH = 0; startH < words.Length && !stop; startH++)
        {
            for (var startR = 0; startR < reference.Length && !stop; startR++)
            {
                if (Math.Abs(startR - startH) > MaxShiftDistance)
                {
                    continue;
                }

                var length = 0;
                while (words[startH + length] == reference[startR + length] && length < MaxShiftSize)
                {
                    length++;
                    if (TryPair(startH, startR, length))
                    {
                        stop = true;
                        break;
                    }

                    if (words.Length == startH + length || reference.Length == startR + length)
                    {
                        break;
                    }
                }
            }
        }

        checkedCandidates = candidates;
        return found ? (bestDelta, bestWords!) : (0, words);

        // One (start_h, start_r, length) of _find_shifted_pairs; true once the candidate budget is spent.
        bool TryPair(int startH, int startR, int length)
        {
            if (!AnySet(hypErr, startH, length) || !AnySet(refErr, startR, length))
            {
                return false;
            }

            if (startH <= align[startR] && align[startR] < startH + length)
            {
                return false;
            }

            var prevIdx = -1;
            for (var offset = -1; offset < length; offset++)
            {
                int idx;
                if (startR + offset == -1)
                {
                    idx = 0;
                }
                else if (startR + offset < reference.Length)
                {
                    // Unlike Tercom (and like sacreBLEU) the words go before this index.
                    idx = align[startR + offset] + 1;
                }
                else
                {
                    break;
                }

                if (idx == prevIdx)
                {
                    continue;
                }

                prevIdx = idx;
                var shifted = PerformShift(words, startH, length, idx);
                var delta = preScore - distance.DistanceOnly(shifted);
                candidates++;

                // Tercom's ranking: largest gain, then longest, then earliest start, then earliest target.
                if (!found || Greater(delta, length, -startH, -idx, bestDelta, bestLength, -bestStart, -bestIdx))
                {
                    found = true;
                    (bestDelta, bestLength, bestStart, bestIdx, bestWords) = (delta, length, startH, idx, shifted);
                }
            }

            return candidates >= MaxShiftCandidates;
        }
    }

    private static bool Greater(int a0, int a1, int a2, int a3, int b0, int b1, int b2, int b3)
    {
        if (a0 != b0)
        {
            return a0 > b0;
        }

        if (a1 != b1)
        {
            return a1 > b1;
        }

        return a2 != b2 ? a2 > b2 : a3 > b3;
    }

    private static bool AnySet(int[] errors, int start, int length)
    {
        var end = Math.Min(errors.Length, start + length);
        for (var i = start; i < end; i++)
        {
            if (errors[i] != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>sacreBLEU's <c>_perform_shift</c> with Python's clamping slice semantics.</summary>
    internal static int[] PerformShift(int[] words, int start, int length, int target)
    {
        var result = new List<int>(words.Length);
        if (target < start)
        {
            AddSlice(result, words, 0, target);
            AddSlice(result, words, start, start + length);
            AddSlice(result, words, target, start);
            AddSlice(result, words, start + length, words.Length);
        }
        else if (target > start + length)
        {
            AddSlice(result, words, 0, start);
            AddSlice(result, words, start + length, target);
            AddSlice(result, words, start, start + length);
            AddSlice(result, words, target, words.Length);
        }
        else
        {
            AddSlice(result, words, 0, start);
            AddSlice(result, words, start + length, length + target);
            AddSlice(result, words, start, start + length);
            AddSlice(result, words, length + target, words.Length);
        }

        return [.. result];
    }

    private static void AddSlice(List<int> into, int[] words, int from, int to)
    {
        from = Math.Clamp(from, 0, words.Length);
        to = Math.Clamp(to, 0, words.Length);
        for (var i = from; i < to; i++)
        {
            into.Add(words[i]);
        }
    }
}
