using Regurgitate.Engine.Data;
namespace Regurgitate.Engine.Training;

/// <summary>
/// Groups pairs of similar length into batches holding at most a given number of target tokens (padding included),
/// so that little compute is spent on padding. Each epoch is a different, seeded shuffle of the batches.
/// </summary>
public sealed class TokenBatchPlanner
{
    private readonly IReadOnlyList<EncodedPair> pairs;
    private readonly int tokensPerBatch;
    private readonly int seed;

    public TokenBatchPlanner(IReadOnlyList<EncodedPair> pairs, int tokensPerBatch, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("There are no training pairs to batch.", nameof(pairs));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerBatch, 1);
        this.pairs = pairs;
        this.tokensPerBatch = tokensPerBatch;
        this.seed = seed;
    }

    /// <summary>The batches of one epoch, as indices into the pairs; every pair appears exactly once.</summary>
    private const ulong EpochStreamBase = 1_000;

    public IReadOnlyList<int[]> PlanEpoch(int epoch)
    {
        // Not System.Random seeded from HashCode.Combine: that hash is randomised per process, and the batch order
        // must be the same in every process for a run to be reproducible (and resumable).
        var random = new DeterministicRandom(seed, EpochStreamBase + (ulong)epoch);
        // Random keys break ties between equal lengths differently each epoch, so batch composition varies too.
        var tieBreak = new ulong[pairs.Count];
        for (var i = 0; i < tieBreak.Length; i++)
        {
            tieBreak[i] = random.NextUInt64();
        }

        var order = Enumerable.Range(0, pairs.Count)
            .OrderBy(i => pairs[i].Target.Length)
            .ThenBy(i => pairs[i].Source.Length)
            .ThenBy(i => tieBreak[i])
            .ToArray();

        var batches = new List<int[]>();
        var current = new List<int>();
        var longest = 0;
        foreach (var index in order)
        {
            var length = pairs[index].Target.Length + 1; // + EOS
            var widened = Math.Max(longest, length);
            if (current.Count > 0 && widened * (current.Count + 1) > tokensPerBatch)
            {
                batches.Add([.. current]);
                current.Clear();
                widened = length;
            }

            current.Add(index);
            longest = widened;
        }

        if (current.Count > 0)
        {
            batches.Add([.. current]);
        }

        return [.. random.Permutation(batches.Count).Select(i => batches[i])];
    }
}
