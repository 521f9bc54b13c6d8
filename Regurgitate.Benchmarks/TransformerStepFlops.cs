using Regurgitate.Engine.Experiments;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Floating-point operations of one training step of the encoder–decoder Transformer on a padded batch, counted from
/// its matrix products (the rest — softmax, norms, Adam — is a few percent and is left out, so the share of the GEMM
/// rate this gives is a slight underestimate). Backward costs twice the forward pass.
/// </summary>
internal static class TransformerStepFlops
{
    /// <param name="sourceLength">Padded source length, EOS included, as the batch tensors hold it.</param>
    /// <param name="targetLength">Padded target length (BOS + tokens), as the batch tensors hold it.</param>
    public static double Count(ModelConfig model, int vocabulary, int rows, int sourceLength, int targetLength)
    {
        double d = model.DModel;
        double ff = model.FeedForward;
        double s = sourceLength;
        double t = targetLength;

        // Multiply-accumulates per sequence. Attention is computed in full, masked positions included.
        var encoderLayer = (s * ((4 * d * d) + (2 * d * ff))) + (2 * s * s * d);
        var decoderLayer =
            (t * ((4 * d * d) + (2 * d * ff))) + (2 * t * t * d)   // self-attention and feed-forward
            + (t * 2 * d * d) + (s * 2 * d * d) + (2 * t * s * d);  // cross-attention: Q, O on the target; K, V on the source
        var output = t * d * vocabulary;
        var forwardMacs = (model.EncoderLayers * encoderLayer) + (model.DecoderLayers * decoderLayer) + output;
        return rows * forwardMacs * 2 /* flops per MAC */ * 3 /* forward + backward */;
    }
}
