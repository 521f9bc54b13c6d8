using Regurgitate.Engine.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Batched greedy decoding: sentences of similar length are translated together, the encoder runs once per batch,
/// and a batch stops as soon as every sentence has produced EOS (or reached its length limit).
/// </summary>
public sealed class GreedyDecoder
{
    private readonly TranslationTransformer _model;
    private readonly SpecialTokenIds _special;
    private readonly Device _device;

    public GreedyDecoder(TranslationTransformer model, SpecialTokenIds special, Device device)
    {
        _model = model;
        _special = special;
        _device = device;
    }

    /// <summary>Output length limit: <c>ratio · source length + offset</c>, capped by the model's positions.</summary>
    public double MaxLengthRatio { get; init; } = 1.5;
    public int MaxLengthOffset { get; init; } = 10;
    public int SentencesPerBatch { get; init; } = 64;

    /// <summary>Translates every source (ids without EOS) and returns target ids without BOS/EOS, in input order.</summary>
    public IReadOnlyList<int[]> Translate(IReadOnlyList<int[]> sources, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var results = new int[sources.Count][];
        var order = Enumerable.Range(0, sources.Count).OrderBy(i => sources[i].Length).ToArray();
        _model.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < order.Length; start += SentencesPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var indices = order.AsSpan(start, Math.Min(SentencesPerBatch, order.Length - start)).ToArray();
            var batchSources = indices.Select(i => TruncateToModel(sources[i])).ToArray();
            var outputs = TranslateBatch(batchSources);
            for (var k = 0; k < indices.Length; k++)
            {
                results[indices[k]] = outputs[k];
            }

            progress?.Report((double)(start + indices.Length) / order.Length);
        }

        return results;
    }

    private int[] TruncateToModel(int[] source) =>
        source.Length < _model.Config.MaxPositions ? source : source[..(_model.Config.MaxPositions - 1)];

    private int[][] TranslateBatch(int[][] sources)
    {
        using var scope = NewDisposeScope();
        using var tensors = BatchTensors.ForTranslation(sources, _special, _device);
        var mask = _model.SourceMask(tensors.Source);
        var memory = _model.Encode(tensors.Source, mask);
        var batch = sources.Length;
        var maxLength = Math.Min(
            _model.Config.MaxPositions - 1,
            (int)Math.Ceiling(sources.Max(s => s.Length) * MaxLengthRatio) + MaxLengthOffset);

        var generated = full(batch, 1, _special.Bos, dtype: ScalarType.Int64, device: _device);
        var finished = zeros(batch, dtype: ScalarType.Bool, device: _device);
        var pad = tensor((long)_special.Pad, device: _device);
        for (var t = 0; t < maxLength; t++)
        {
            var logits = _model.Decode(generated, memory, mask);
            var next = logits[TensorIndex.Colon, -1].argmax(-1);
            next = where(finished, pad, next);
            generated = cat([generated, next.unsqueeze(1)], 1);
            finished = finished.logical_or(next.eq(_special.Eos));
            if (finished.all().item<bool>())
            {
                break;
            }
        }

        var flat = generated.cpu().data<long>().ToArray();
        var width = (int)generated.shape[1];
        var outputs = new int[batch][];
        for (var row = 0; row < batch; row++)
        {
            var ids = new List<int>();
            for (var t = 1; t < width; t++)
            {
                var id = (int)flat[(row * width) + t];
                if (id == _special.Eos || id == _special.Pad)
                {
                    break;
                }

                ids.Add(id);
            }

            outputs[row] = [.. ids];
        }

        return outputs;
    }
}
