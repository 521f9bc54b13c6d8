using System.Buffers;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// sacreBLEU's <c>BeamEditDistance</c>. Every hypothesis it sees is a permutation of one hypothesis, so the
/// length ratio and beam are fixed and matrix rows depend only on the word prefix; rows of the last full
/// computation are reused for candidates sharing its prefix (sacreBLEU caches them in a trie to the same effect).
/// </summary>
internal sealed class BeamEditDistance : IDisposable
{
    private const int BeamWidth = 25;

    // Stands in for sacreBLEU's int(1e16): only its being larger than any real distance matters.
    private const int Infinity = int.MaxValue / 4;

    // Edit operations of a trace (hypothesis to reference).
    internal const byte OpNop = (byte)' ';
    internal const byte OpSub = (byte)'s';
    internal const byte OpIns = (byte)'i';
    internal const byte OpDel = (byte)'d';
    private const byte OpUndefined = (byte)'x';

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
