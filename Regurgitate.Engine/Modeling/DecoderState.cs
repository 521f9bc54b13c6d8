using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>
/// Incremental decoding state of a <see cref="TranslationTransformer"/> for a batch of rows (sentences, or sentences ×
/// beams): per decoder layer the self-attention keys/values of every target position fed so far (appended one step
/// at a time) and the cross-attention keys/values projected once from the encoder memory, plus the source mask.
/// The state owns its tensors (they are detached from any dispose scope), so callers may wrap each decoding step in
/// its own scope; <see cref="Select"/> reorders or drops rows for beam search and for finished sentences.
/// </summary>
public sealed class DecoderState : IDisposable
{
    private readonly LayerState[] layers;
    private Tensor sourceMask;

    internal DecoderState(LayerState[] layers, Tensor sourceMask)
    {
        this.layers = layers;
        this.sourceMask = Own(sourceMask);
        Rows = sourceMask.shape[0];
    }

    /// <summary>Number of rows (batch entries) the state holds.</summary>
    public long Rows { get; private set; }

    /// <summary>Target positions fed so far (BOS included); the next token goes to this position.</summary>
    public int Length { get; internal set; }

    internal Tensor SourceMask => sourceMask;

    internal LayerState Layer(int index) => layers[index];

    /// <summary>Keeps the rows named by <paramref name="rows"/> (Int64 indices, repeats allowed) in that order.</summary>
    public void Select(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var scope = NewDisposeScope();
        var index = rows.to_type(ScalarType.Int64).to(sourceMask.device);
        foreach (var layer in layers)
        {
            layer.Select(index);
        }

        Replace(ref sourceMask, sourceMask.index_select(0, index));
        Rows = index.shape[0];
    }

    public void Dispose()
    {
        foreach (var layer in layers)
        {
            layer.Dispose();
        }

        sourceMask.Dispose();
    }

    internal static Tensor Own(Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        return tensor;
    }

    internal static void Replace(ref Tensor slot, Tensor value)
    {
        var old = slot;
        slot = Own(value);
        old.Dispose();
    }

    /// <summary>Keys/values of one decoder layer, each [rows, heads, time, headDim].</summary>
    internal sealed class LayerState : IDisposable
    {
        private Tensor? selfKeys;
        private Tensor? selfValues;
        private Tensor crossKeys;
        private Tensor crossValues;

        public LayerState(Tensor crossKeys, Tensor crossValues)
        {
            this.crossKeys = Own(crossKeys);
            this.crossValues = Own(crossValues);
        }

        public Tensor CrossKeys => crossKeys;
        public Tensor CrossValues => crossValues;

        /// <summary>Appends the new step's keys/values [rows, heads, 1, headDim] and returns all of them.</summary>
        public (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values)
        {
            if (selfKeys is null || selfValues is null)
            {
                selfKeys = Own(keys.contiguous());
                selfValues = Own(values.contiguous());
            }
            else
            {
                var k = selfKeys;
                var v = selfValues;
                Replace(ref k, cat([k, keys], 2));
                Replace(ref v, cat([v, values], 2));
                selfKeys = k;
                selfValues = v;
            }

            return (selfKeys, selfValues);
        }

        public void Select(Tensor index)
        {
            if (selfKeys is not null && selfValues is not null)
            {
                var k = selfKeys;
                var v = selfValues;
                Replace(ref k, k.index_select(0, index));
                Replace(ref v, v.index_select(0, index));
                selfKeys = k;
                selfValues = v;
            }

            Replace(ref crossKeys, crossKeys.index_select(0, index));
            Replace(ref crossValues, crossValues.index_select(0, index));
        }

        public void Dispose()
        {
            selfKeys?.Dispose();
            selfValues?.Dispose();
            crossKeys.Dispose();
            crossValues.Dispose();
        }
    }
}
