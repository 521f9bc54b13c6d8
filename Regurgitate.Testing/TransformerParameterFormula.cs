using Regurgitate.Engine.Experiments;

namespace Regurgitate.Testing;

/// <summary>
/// The trainable parameters of the pre-norm encoder–decoder Transformer, written out from its architecture rather
/// than counted from a built model, so a count the engine reports can be checked against it. Shared with the CLI
/// tests (linked source).
/// </summary>
public static class TransformerParameterFormula
{
    public static long Count(ModelConfig model, int vocabularySize)
    {
        long d = model.DModel, f = model.FeedForward, v = vocabularySize;
        var layerNorm = 2 * d;                            // gain and bias
        var attention = (4 * d * d) + (4 * d);            // Q, K, V and output projections, each with a bias
        var feedForward = (d * f) + f + (f * d) + d;      // two linear layers with biases
        var encoderLayer = attention + feedForward + (2 * layerNorm);
        var decoderLayer = (2 * attention) + feedForward + (3 * layerNorm); // self- and cross-attention
        var embeddings = model.TieEmbeddings
            ? v * d                                       // one matrix: source, target and output projection
            : 3 * v * d;                                  // source and target embeddings, output projection (no bias)
        var positions = model.Positions == PositionEncoding.Learned ? (long)model.MaxPositions * d : 0; // sinusoidal: a buffer
        return embeddings + positions
            + (model.EncoderLayers * encoderLayer) + layerNorm
            + (model.DecoderLayers * decoderLayer) + layerNorm;
    }
}
