using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>Pre-norm decoder layer: causal self-attention, cross-attention to the encoder memory, feed-forward.</summary>
internal sealed class DecoderLayer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly LayerNorm _selfAttentionNorm;
    private readonly MultiHeadAttention _selfAttention;
    private readonly LayerNorm _crossAttentionNorm;
    private readonly MultiHeadAttention _crossAttention;
    private readonly LayerNorm _feedForwardNorm;
    private readonly FeedForward _feedForward;
    private readonly Dropout _dropout;

    public DecoderLayer(string name, int modelDim, int heads, int hiddenDim, double dropout) : base(name)
    {
        _selfAttentionNorm = nn.LayerNorm(modelDim);
        _selfAttention = new MultiHeadAttention("self_attention", modelDim, heads, dropout, selfAttention: true);
        _crossAttentionNorm = nn.LayerNorm(modelDim);
        _crossAttention = new MultiHeadAttention("cross_attention", modelDim, heads, dropout, selfAttention: false);
        _feedForwardNorm = nn.LayerNorm(modelDim);
        _feedForward = new FeedForward("feed_forward", modelDim, hiddenDim, dropout);
        _dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <param name="input">[B, Tt, D].</param>
    /// <param name="memory">Encoder output [B, Ts, D].</param>
    /// <param name="sourceMask">Boolean [B, 1, 1, Ts], true on real source tokens.</param>
    public override Tensor forward(Tensor input, Tensor memory, Tensor sourceMask)
    {
        // Causality alone suffices on the target side: padding only ever follows real tokens, so no real position
        // can see it, and the outputs at padded positions are ignored by the loss.
        var x = input + _dropout.forward(_selfAttention.forward(_selfAttentionNorm.forward(input), null, null, true));
        x = x + _dropout.forward(_crossAttention.forward(_crossAttentionNorm.forward(x), memory, sourceMask, false));
        return x + _dropout.forward(_feedForward.forward(_feedForwardNorm.forward(x)));
    }

    /// <summary>Cross-attention keys/values of the encoder memory for <see cref="Step"/>.</summary>
    public DecoderState.LayerState StartDecoding(Tensor memory)
    {
        var (keys, values) = _crossAttention.ProjectMemory(memory);
        return new DecoderState.LayerState(keys, values);
    }

    /// <summary>
    /// The layer's output for one new target position [B, 1, D] given the cached earlier positions (inference only:
    /// no dropout). Same arithmetic as <see cref="forward"/> restricted to the last position.
    /// </summary>
    public Tensor Step(Tensor input, DecoderState.LayerState cache, Tensor sourceMask)
    {
        var x = input + _selfAttention.SelfAttentionStep(_selfAttentionNorm.forward(input), cache);
        x = x + _crossAttention.CrossAttentionStep(_crossAttentionNorm.forward(x), cache.CrossKeys, cache.CrossValues, sourceMask);
        return x + _feedForward.forward(_feedForwardNorm.forward(x));
    }
}
