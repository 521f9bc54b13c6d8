using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>Pre-norm encoder layer: x + Drop(SelfAttn(LN(x))), then x + Drop(FFN(LN(x))).</summary>
internal sealed class EncoderLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly MultiHeadAttention selfAttention;
    private readonly LayerNorm feedForwardNorm;
    private readonly FeedForward feedForward;
    private readonly FastDropout dropout;

    public EncoderLayer(string name, int modelDim, int heads, int hiddenDim, double dropout) : base(name)
    {
        attentionNorm = nn.LayerNorm(modelDim);
        selfAttention = new MultiHeadAttention("self_attention", modelDim, heads, dropout, selfAttention: true);
        feedForwardNorm = nn.LayerNorm(modelDim);
        feedForward = new FeedForward("feed_forward", modelDim, hiddenDim, dropout);
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <param name="input">[B, Ts, D].</param>
    /// <param name="sourceMask">Boolean [B, 1, 1, Ts], true on real tokens.</param>
    public override Tensor forward(Tensor input, Tensor sourceMask)
    {
        var x = KeptScalars.Sum(input, dropout.forward(selfAttention.forward(attentionNorm.forward(input), null, sourceMask, false)));
        return KeptScalars.Sum(x, dropout.forward(feedForward.forward(feedForwardNorm.forward(x))));
    }
}
