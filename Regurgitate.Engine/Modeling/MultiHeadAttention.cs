using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>
/// Multi-head attention over batch-first tensors ([batch, time, model]) using libtorch's fused
/// scaled-dot-product kernel. Self-attention projects Q, K and V with one matrix multiply.
/// </summary>
internal sealed class MultiHeadAttention : nn.Module<Tensor, Tensor?, Tensor?, bool, Tensor>
{
    private readonly Linear? qkv;
    private readonly Linear? q;
    private readonly Linear? kv;
    private readonly Linear @out;
    private readonly int heads;
    private readonly int headDim;
    private readonly double dropout;

    public MultiHeadAttention(string name, int modelDim, int heads, double dropout, bool selfAttention) : base(name)
    {
        if (modelDim % heads != 0)
        {
            throw new ArgumentException($"Model dimension {modelDim} is not divisible by {heads} heads.", nameof(heads));
        }

        this.heads = heads;
        headDim = modelDim / heads;
        this.dropout = dropout;
        if (selfAttention)
        {
            qkv = nn.Linear(modelDim, 3 * modelDim);
        }
        else
        {
            q = nn.Linear(modelDim, modelDim);
            kv = nn.Linear(modelDim, 2 * modelDim);
        }

        @out = nn.Linear(modelDim, modelDim);
        RegisterComponents();
    }

    /// <param name="query">[B, Tq, D].</param>
    /// <param name="memory">[B, Tk, D] for cross-attention; null for self-attention.</param>
    /// <param name="keyMask">Boolean [B, 1, 1, Tk], true where a key may be attended to; null for none.</param>
    /// <param name="causal">Whether position i may only attend to positions ≤ i.</param>
    public override Tensor forward(Tensor query, Tensor? memory, Tensor? keyMask, bool causal)
    {
        var batch = query.shape[0];
        var queryLength = query.shape[1];
        Tensor q, k, v;
        if (qkv is not null)
        {
            var parts = qkv.forward(query).view(batch, queryLength, 3, heads, headDim).permute(2, 0, 3, 1, 4);
            q = parts[0];
            k = parts[1];
            v = parts[2];
        }
        else
        {
            var source = memory ?? throw new ArgumentNullException(nameof(memory), "Cross-attention needs the encoder memory.");
            var keyLength = source.shape[1];
            q = this.q!.forward(query).view(batch, queryLength, heads, headDim).transpose(1, 2);
            var kv = this.kv!.forward(source).view(batch, keyLength, 2, heads, headDim).permute(2, 0, 3, 1, 4);
            k = kv[0];
            v = kv[1];
        }

        var attended = nn.functional.scaled_dot_product_attention(q, k, v, keyMask, training ? dropout : 0.0, causal);
        return Merge(attended, batch, queryLength);
    }

    /// <summary>Cross-attention keys and values [B, H, Tk, hd] of the encoder memory, computed once per batch for incremental decoding.</summary>
    public (Tensor Keys, Tensor Values) ProjectMemory(Tensor memory)
    {
        var kv = (this.kv ?? throw new InvalidOperationException("Only cross-attention projects the encoder memory."))
            .forward(memory).view(memory.shape[0], memory.shape[1], 2, heads, headDim).permute(2, 0, 3, 1, 4);
        return (kv[0], kv[1]);
    }

    /// <summary>
    /// One incremental self-attention step: projects the new position's query/key/value from <paramref name="query"/>
    /// [B, 1, D], appends key and value to the layer's cache and attends over every cached position (all of them
    /// precede the new one, so no causal mask is needed).
    /// </summary>
    public Tensor SelfAttentionStep(Tensor query, DecoderState.LayerState cache)
    {
        var batch = query.shape[0];
        var parts = (qkv ?? throw new InvalidOperationException("Only self-attention has a key/value cache."))
            .forward(query).view(batch, 1, 3, heads, headDim).permute(2, 0, 3, 1, 4);
        var (keys, values) = cache.Append(parts[1], parts[2]);
        var attended = nn.functional.scaled_dot_product_attention(parts[0], keys, values, null, 0.0, false);
        return Merge(attended, batch, 1);
    }

    /// <summary>Cross-attention of new positions [B, Tq, D] over keys/values from <see cref="ProjectMemory"/>.</summary>
    public Tensor CrossAttentionStep(Tensor query, Tensor keys, Tensor values, Tensor keyMask)
    {
        var batch = query.shape[0];
        var queryLength = query.shape[1];
        var q = (this.q ?? throw new InvalidOperationException("Self-attention has no separate query projection."))
            .forward(query).view(batch, queryLength, heads, headDim).transpose(1, 2);
        var attended = nn.functional.scaled_dot_product_attention(q, keys, values, keyMask, 0.0, false);
        return Merge(attended, batch, queryLength);
    }

    private Tensor Merge(Tensor attended, long batch, long queryLength) =>
        @out.forward(attended.transpose(1, 2).reshape(batch, queryLength, heads * headDim));
}
