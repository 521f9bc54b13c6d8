using Regurgitate.Engine.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Label-smoothed cross-entropy of decoder states against target ids, projected to the vocabulary a block of positions
/// at a time. Why blocks: a batch's logits, log-probabilities and their gradients are each [tokens, V] — 65 MB for
/// 2,048 tokens and 8,000 subwords — and glibc serves blocks over 32 MiB from fresh mappings that it unmaps again on
/// free, so every step faulted in about 330 MB of new zeroed pages. Blocks of at most <see cref="MaxBlockBytes"/> are
/// reused from the allocator's heap. The result is the mean over real tokens, as one call over the whole batch, up to
/// the order of the float additions.
/// </summary>
internal static class BlockedCrossEntropy
{
    /// <summary>The largest [rows, V] float block one projection makes.</summary>
    public const long MaxBlockBytes = 16L << 20;

    /// <summary>Target positions per block for a vocabulary of <paramref name="vocabulary"/> entries (at least 1).</summary>
    public static long RowsPerBlock(long vocabulary) => Math.Max(1, MaxBlockBytes / (vocabulary * sizeof(float)));

    /// <summary>
    /// Mean loss per real target token: states [..., D], targets [...] with <paramref name="padId"/> on padding, which
    /// counts neither in the sum nor in <paramref name="realTokens"/>.
    /// </summary>
    public static Tensor Mean(TranslationTransformer model, Tensor states, Tensor targets, long padId, double labelSmoothing, long realTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(targets);
        var rows = RowsPerBlock(model.VocabularySize);
        var stateBlocks = states.reshape(-1, states.shape[^1]).split(rows);
        var targetBlocks = targets.reshape(-1).split(rows);
        Tensor? sum = null;
        for (var i = 0; i < stateBlocks.Length; i++)
        {
            var block = nn.functional.cross_entropy(
                model.Project(stateBlocks[i]),
                targetBlocks[i],
                ignore_index: padId,
                reduction: nn.Reduction.Sum,
                label_smoothing: labelSmoothing);
            sum = sum is null ? block : KeptScalars.Sum(sum, block);
        }

        using var count = ((double)realTokens).ToScalar();
        return sum!.div(count);
    }
}
