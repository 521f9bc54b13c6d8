using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Analysis;

/// <summary>Self-BLEU of a seeded sample of sentences of interned tokens (see <see cref="LexicalDiversityResult.SelfBleu"/>).</summary>
internal static class SelfBleuMeasure
{
    private const int Order = 4;

    /// <summary>Mean sentence BLEU of each sampled sentence against all the others; NaN with fewer than 2 non-empty sentences.</summary>
    public static (double Score, int Sentences) Of(int[][] sentences, int sampleSize, int seed)
    {
        // Seeded sample of non-empty sentences: a prefix of one SplitMix64 permutation, so a larger sample contains a smaller one.
        var candidates = Enumerable.Range(0, sentences.Length).Where(i => sentences[i].Length > 0).ToArray();
        var order = new DeterministicRandom(seed, stream: 0x5E1FB1E0).Permutation(candidates.Length);
        var take = Math.Min(sampleSize, candidates.Length);
        if (take < 2)
        {
            return (double.NaN, take);
        }

        var sample = new int[take][];
        for (var i = 0; i < take; i++)
        {
            sample[i] = sentences[candidates[order[i]]];
        }

        // Clipping against "all other sentences" needs max over j≠i of count_j(g): keep the best and second-best
        // count of each n-gram with the sentence holding the best, then exclude sentence i in O(1).
        var scratch = AnalysisScratch.ForThread();
        var best = scratch.Best();
        var local = scratch.Counts();
        for (var i = 0; i < take; i++)
        {
            CountNGrams(sample[i], local);
            foreach (var (gram, count) in local)
            {
                if (!best.TryGetValue(gram, out var entry))
                {
                    entry = (0, -1, 0);
                }

                if (count > entry.Best)
                {
                    entry = (count, i, entry.Best);
                }
                else if (count > entry.Second)
                {
                    entry.Second = count;
                }

                best[gram] = entry;
            }
        }

        var lengths = sample.Select(s => s.Length).Order().ToArray();
        var correct = new long[Order];
        var total = new long[Order];
        double sum = 0;
        for (var i = 0; i < take; i++)
        {
            Array.Clear(correct);
            Array.Clear(total);
            CountNGrams(sample[i], local);
            foreach (var (gram, count) in local)
            {
                var entry = best[gram];
                var others = entry.Holder == i ? entry.Second : entry.Best;
                correct[gram.Order - 1] += Math.Min(count, others);
                total[gram.Order - 1] += count;
            }

            var hypLen = sample[i].Length;
            var refLen = ClosestOtherLength(lengths, hypLen);
            sum += BleuMetric.ComputeBleu(correct, total, hypLen, refLen, BleuSmoothing.Exp, null, effectiveOrder: true).Score;
        }

        return (sum / take, take);
    }

    /// <summary>sacreBLEU's closest reference length (ties to the shorter) among all sampled lengths but one copy of the hypothesis's own.</summary>
    private static int ClosestOtherLength(int[] sortedLengths, int own)
    {
        var first = Array.IndexOf(sortedLengths, own);
        int bestLength = -1, bestDiff = int.MaxValue;
        for (var k = 0; k < sortedLengths.Length; k++)
        {
            if (k == first)
            {
                continue;
            }

            var diff = Math.Abs(sortedLengths[k] - own);
            if (diff < bestDiff || (diff == bestDiff && sortedLengths[k] < bestLength))
            {
                bestDiff = diff;
                bestLength = sortedLengths[k];
            }

            if (sortedLengths[k] > own && diff > bestDiff)
            {
                break;
            }
        }

        return bestLength;
    }

    private static void CountNGrams(int[] ids, Dictionary<NGram, int> counts)
    {
        counts.Clear();
        for (var n = 1; n <= Order; n++)
        {
            for (var i = 0; i + n <= ids.Length; i++)
            {
                var gram = NGram.Of(ids, i, n);
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }
        }
    }
}
