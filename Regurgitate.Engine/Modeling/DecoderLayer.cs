using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>Pre-norm decoder layer: causal self-attention, cross-attention to the encoder memory, feed-forward.</summary>
internal sealed class DecoderLayer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly LayerNorm selfAttentionNorm;
    private readonly MultiHeadAttention selfAttention;
    private readonly LayerNorm crossAttentionNorm;
    private readonly MultiHeadAttention crossAttention;
    private readonly LayerNorm feedForwardNorm;
    private readonly FeedForward feedForward;
    private readonly FastDropout dropout;

    public DecoderLayer(string name, int modelDim, int heads, int hiddenDim, double dropout) : base(name)
    {
        selfAttentionNorm = nn.LayerNorm(modelDim);
        selfAttention = new MultiHeadAttention("self_attention", modelDim, heads, dropout, selfAttention: true);
        crossAttentionNorm = nn.LayerNorm(modelDim);
        crossAttention = new MultiHeadAttention("cross_attention", modelDim, heads, dropout, selfAttention: false);
        feedForwardNorm = nn.LayerNorm(modelDim);
        feedForward = new FeedForward("feed_forward", modelDim, hiddenDim, dropout);
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <param name="input">[B, Tt, D].</param>
    /// <param name="memory">Encoder output [B, Ts, D].</param>
    /// <param name="sourceMask">Boolean [B, 1, 1, Ts], true on real source tokens.</param>
    public override Tensor forward(Tensor input, Tensor memory, Tensor sourceMask)
    {
        // Causality alone suffices on the target side: padding only ever follows real tokens, so no real position
        // can see it, and the outputs at padded positions are ignored by the loss.
        var x = KeptScalars.Sum(input, dropout.forward(selfAttention.forward(selfAttentionNorm.forward(input), null, null, true)));
        x = KeptScalars.Sum(x, dropout.forward(crossAttention.forward(crossAttentionNorm.forward(x), memory, sourceMask, false)));
        return KeptScalars.Sum(x, dropout.forward(feedForward.forward(feedForwardNorm.forward(x))));
    }

    /// <summary>Cross-attention keys/values of the encoder memory for <see cref="Step"/>.</summary>
    public DecoderState.LayerState StartDecoding(Tensor memory)
    {
        var (keys, values) = crossAttention.ProjectMemory(memory);
        return new DecoderState.LayerState(keys, values);
    }

    /// <summary>
    /// The layer's output for one new target position [B, 1, D] given the cached earlier positions (inference only:
    /// no dropout). Same arithmetic as <see cref="forward"/> restricted to the last position.
    /// </summary>
    public Tensor Step(Tensor input, DecoderState.LayerState cache, Tensor sourceMask)
    {
        var x = KeptScalars.Sum(input, selfAttention.SelfAttentionStep(selfAttentionNorm.forward(input), cache));
        x = KeptScalars.Sum(x, crossAttention.CrossAttentionStep(crossAttentionNorm.forward(x), cache.CrossKeys, cache.CrossValues, sourceMask));
        return KeptScalars.Sum(x, feedForward.forward(feedForwardNorm.forward(x)));
    }
}
