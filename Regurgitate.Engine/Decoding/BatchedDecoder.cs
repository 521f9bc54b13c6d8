using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Decoding;

/// <summary>
/// What greedy and beam decoding share: sentences are sorted by length and decoded in batches (so padding stays
/// small), the encoder runs once per batch, each batch runs inside its own dispose scope (native memory stays flat
/// over long files), and each sentence gets its own output length limit, so a sentence's translation does not
/// depend on which other sentences share its batch.
/// </summary>
public abstract class BatchedDecoder : ITranslationDecoder
{
    protected BatchedDecoder(TranslationTransformer model, SpecialTokenIds special, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Special = special;
        Device = device;
    }

    /// <summary>Output length limit: <c>ceil(ratio · source length) + offset</c> tokens (EOS not counted), capped by the model's positions.</summary>
    public double MaxLengthRatio { get; init; } = 1.5;
    public int MaxLengthOffset { get; init; } = 10;
    public int SentencesPerBatch { get; init; } = 64;

    protected TranslationTransformer Model { get; }
    protected SpecialTokenIds Special { get; }
    protected Device Device { get; }

    public IReadOnlyList<int[]> Translate(IReadOnlyList<int[]> sources, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(SentencesPerBatch, 1);
        var results = new int[sources.Count][];
        var order = Enumerable.Range(0, sources.Count).OrderBy(i => sources[i].Length).ToArray();
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < order.Length; start += SentencesPerBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var indices = order.AsSpan(start, Math.Min(SentencesPerBatch, order.Length - start)).ToArray();
                var batchSources = indices.Select(i => TruncateToModel(sources[i])).ToArray();
                int[][] outputs;
                using (NewDisposeScope())
                {
                    using var tensors = BatchTensors.ForTranslation(batchSources, Special, Device);
                    var mask = Model.SourceMask(tensors.Source);
                    var memory = Model.Encode(tensors.Source, mask);
                    using var state = Model.StartDecoding(memory, mask);
                    outputs = DecodeBatch(state, batchSources.Select(s => MaxLength(s.Length)).ToArray(), cancellationToken);
                }

                for (var k = 0; k < indices.Length; k++)
                {
                    results[indices[k]] = outputs[k];
                }

                progress?.Report((double)(start + indices.Length) / order.Length);
            }
        }
        finally
        {
            Model.train(wasTraining);
        }

        return results;
    }

    /// <summary>
    /// Next-token log-probabilities [rows, V] for the rows of <paramref name="state"/>, with PAD and BOS ruled out
    /// (set to −∞, the other entries unchanged): neither may appear inside a translation.
    /// </summary>
    protected Tensor NextLogProbs(long[] previousTokens, DecoderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var logProbs = Model.DecodeStep(tensor(previousTokens, device: Device), state);
        return logProbs.index_fill_(1, tensor(new long[] { Special.Pad, Special.Bos }, device: Device), KeptScalars.NegativeInfinity);
    }

    /// <summary>Most output tokens (EOS not counted) for a source of <paramref name="sourceLength"/> tokens.</summary>
    public int MaxLength(int sourceLength) =>
        (int)Math.Min(Model.Config.MaxPositions - 1, Math.Ceiling(sourceLength * MaxLengthRatio) + MaxLengthOffset);

    /// <summary>
    /// Decodes one batch whose encoder output is already in <paramref name="state"/> (one row per sentence, nothing
    /// fed yet). Returns target ids without BOS/EOS per sentence.
    /// </summary>
    protected abstract int[][] DecodeBatch(DecoderState state, int[] maxLengths, CancellationToken cancellationToken);

    private int[] TruncateToModel(int[] source) =>
        source.Length < Model.Config.MaxPositions ? source : source[..(Model.Config.MaxPositions - 1)];
}
