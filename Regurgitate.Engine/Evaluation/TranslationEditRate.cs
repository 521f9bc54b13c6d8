using System.Buffers;

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
    private const int BeamWidth = 25;
    private const int MaxShiftCandidates = 1000;

    // Stands in for sacreBLEU's int(1e16): only its being larger than any real distance matters.
    private const int Infinity = int.MaxValue / 4;

    private const byte OpNop = (byte)' ';
    private const byte OpSub = (byte)'s';
    private const byte OpIns = (byte)'i';
    private const byte OpDel = (byte)'d';
    private const byte OpUndefined = (byte)'x';

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
                case OpNop or OpSub:
                    posHyp++;
                    posRef++;
                    align[posRef] = posHyp;
                    hypErr[posHyp] = refErr[posRef] = op == OpSub ? 1 : 0;
                    break;
                case OpDel:
                    posHyp++;
                    hypErr[posHyp] = 1;
                    break;
                case OpIns:
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

    /// <summary>
    /// sacreBLEU's <c>BeamEditDistance</c>. Every hypothesis it sees is a permutation of one hypothesis, so the
    /// length ratio and beam are fixed and matrix rows depend only on the word prefix; rows of the last full
    /// computation are reused for candidates sharing its prefix (sacreBLEU caches them in a trie to the same effect).
    /// </summary>
    private sealed class BeamEditDistance : IDisposable
    {
        private readonly int[] reference;
        private readonly int width;
        private readonly double lengthRatio;
        private readonly int beam;
        private readonly int[] baseCost;
        private readonly byte[] baseOp;
        private readonly int[] scratchCost;
        private readonly byte[] scratchOp;
        private int[]? baseWords;

        public BeamEditDistance(int[] reference, int hypothesisLength)
        {
            this.reference = reference;
            width = reference.Length + 1;
            lengthRatio = hypothesisLength > 0 ? (double)reference.Length / hypothesisLength : 1;
            beam = BeamWidth < lengthRatio / 2 ? (int)Math.Ceiling((lengthRatio / 2) + BeamWidth) : BeamWidth;
            // Pooled: a fresh set of matrices per segment was most of what sentence-level TER allocated, and an
            // analysis's collections pause a training run in the same process (issue 19). Fill writes every row it
            // reads, so rented arrays need no clearing.
            var cells = (hypothesisLength + 1) * width;
            baseCost = ArrayPool<int>.Shared.Rent(cells);
            baseOp = ArrayPool<byte>.Shared.Rent(cells);
            scratchCost = ArrayPool<int>.Shared.Rent(cells);
            scratchOp = ArrayPool<byte>.Shared.Rent(cells);
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(baseCost);
            ArrayPool<byte>.Shared.Return(baseOp);
            ArrayPool<int>.Shared.Return(scratchCost);
            ArrayPool<byte>.Shared.Return(scratchOp);
        }

        /// <summary>Distance and trace (hypothesis to reference) of <paramref name="words"/>, kept as the reuse base.</summary>
        public (int Distance, byte[] Trace) Full(int[] words)
        {
            var start = SharedRows(words);
            Fill(words, start, baseCost, baseOp);
            baseWords = words;
            var trace = new List<byte>(words.Length + reference.Length);
            int i = words.Length, j = reference.Length;
            while (i > 0 || j > 0)
            {
                var op = baseOp[(i * width) + j];
                trace.Add(op);
                switch (op)
                {
                    case OpSub or OpNop:
                        i--;
                        j--;
                        break;
                    case OpIns:
                        j--;
                        break;
                    case OpDel:
                        i--;
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown edit operation '{(char)op}'.");
                }
            }

            trace.Reverse();
            return (baseCost[(words.Length * width) + reference.Length], [.. trace]);
        }

        public int DistanceOnly(int[] words)
        {
            var start = SharedRows(words);
            Array.Copy(baseCost, 0, scratchCost, 0, (start + 1) * width);
            Array.Copy(baseOp, 0, scratchOp, 0, (start + 1) * width);
            Fill(words, start, scratchCost, scratchOp);
            return scratchCost[(words.Length * width) + reference.Length];
        }

        /// <summary>Number of leading rows (after row 0) valid in the base matrix for <paramref name="words"/>.</summary>
        private int SharedRows(int[] words)
        {
            if (baseWords is null)
            {
                return 0;
            }

            var n = 0;
            while (n < words.Length && words[n] == baseWords[n])
            {
                n++;
            }

            return n;
        }

        /// <summary>Computes rows startRow+1..n; rows up to startRow are already in place.</summary>
        private void Fill(int[] words, int startRow, int[] cost, byte[] ops)
        {
            var n = words.Length;
            if (startRow == 0)
            {
                for (var j = 0; j < width; j++)
                {
                    cost[j] = j;
                    ops[j] = OpIns;
                }
            }

            for (var i = startRow + 1; i <= n; i++)
            {
                var row = i * width;
                var prev = row - width;
                Array.Fill(cost, Infinity, row, width);
                Array.Fill(ops, OpUndefined, row, width);
                var pseudoDiagonal = (int)Math.Floor(i * lengthRatio);
                var minJ = Math.Max(0, pseudoDiagonal - beam);
                var maxJ = i == n ? width : Math.Min(width, pseudoDiagonal + beam);
                var word = words[i - 1];
                for (var j = minJ; j < maxJ; j++)
                {
                    if (j == 0)
                    {
                        cost[row] = cost[prev] + 1;
                        ops[row] = OpDel;
                        continue;
                    }

                    var best = cost[row + j];
                    var bestOp = ops[row + j];
                    var sub = word == reference[j - 1];
                    var candidate = cost[prev + j - 1] + (sub ? 0 : 1);
                    if (best > candidate)
                    {
                        best = candidate;
                        bestOp = sub ? OpNop : OpSub;
                    }

                    candidate = cost[prev + j] + 1;
                    if (best > candidate)
                    {
                        best = candidate;
                        bestOp = OpDel;
                    }

                    candidate = cost[row + j - 1] + 1;
                    if (best > candidate)
                    {
                        best = candidate;
                        bestOp = OpIns;
                    }

                    cost[row + j] = best;
                    ops[row + j] = bestOp;
                }
            }
        }
    }
}
