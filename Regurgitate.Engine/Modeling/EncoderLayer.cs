using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>Pre-norm encoder layer: x + Drop(SelfAttn(LN(x))), then x + Drop(FFN(LN(x))).</summary>
internal sealed class EncoderLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm _attentionNorm;
    private readonly MultiHeadAttention _selfAttention;
    private readonly LayerNorm _feedForwardNorm;
    private readonly FeedForward _feedForward;
    private readonly Dropout _dropout;

    public EncoderLayer(string name, int modelDim, int heads, int hiddenDim, double dropout) : base(name)
    {
        _attentionNorm = nn.LayerNorm(modelDim);
        _selfAttention = new MultiHeadAttention("self_attention", modelDim, heads, dropout, selfAttention: true);
        _feedForwardNorm = nn.LayerNorm(modelDim);
        _feedForward = new FeedForward("feed_forward", modelDim, hiddenDim, dropout);
        _dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <param name="input">[B, Ts, D].</param>
    /// <param name="sourceMask">Boolean [B, 1, 1, Ts], true on real tokens.</param>
    public override Tensor forward(Tensor input, Tensor sourceMask)
    {
        var x = input + _dropout.forward(_selfAttention.forward(_attentionNorm.forward(input), null, sourceMask, false));
        return x + _dropout.forward(_feedForward.forward(_feedForwardNorm.forward(x)));
    }
}
