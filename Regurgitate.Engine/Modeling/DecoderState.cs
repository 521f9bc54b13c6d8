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
    private readonly LayerState[] _layers;
    private Tensor _sourceMask;

    internal DecoderState(LayerState[] layers, Tensor sourceMask)
    {
        _layers = layers;
        _sourceMask = Own(sourceMask);
        Rows = sourceMask.shape[0];
    }

    /// <summary>Number of rows (batch entries) the state holds.</summary>
    public long Rows { get; private set; }

    /// <summary>Target positions fed so far (BOS included); the next token goes to this position.</summary>
    public int Length { get; internal set; }

    internal Tensor SourceMask => _sourceMask;

    internal LayerState Layer(int index) => _layers[index];

    /// <summary>Keeps the rows named by <paramref name="rows"/> (Int64 indices, repeats allowed) in that order.</summary>
    public void Select(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var scope = NewDisposeScope();
        var index = rows.to_type(ScalarType.Int64).to(_sourceMask.device);
        foreach (var layer in _layers)
        {
            layer.Select(index);
        }

        Replace(ref _sourceMask, _sourceMask.index_select(0, index));
        Rows = index.shape[0];
    }

    public void Dispose()
    {
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }

        _sourceMask.Dispose();
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
        private Tensor? _selfKeys;
        private Tensor? _selfValues;
        private Tensor _crossKeys;
        private Tensor _crossValues;

        public LayerState(Tensor crossKeys, Tensor crossValues)
        {
            _crossKeys = Own(crossKeys);
            _crossValues = Own(crossValues);
        }

        public Tensor CrossKeys => _crossKeys;
        public Tensor CrossValues => _crossValues;

        /// <summary>Appends the new step's keys/values [rows, heads, 1, headDim] and returns all of them.</summary>
        public (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values)
        {
            if (_selfKeys is null || _selfValues is null)
            {
                _selfKeys = Own(keys.contiguous());
                _selfValues = Own(values.contiguous());
            }
            else
            {
                var k = _selfKeys;
                var v = _selfValues;
                Replace(ref k, cat([k, keys], 2));
                Replace(ref v, cat([v, values], 2));
                _selfKeys = k;
                _selfValues = v;
            }

            return (_selfKeys, _selfValues);
        }

        public void Select(Tensor index)
        {
            if (_selfKeys is not null && _selfValues is not null)
            {
                var k = _selfKeys;
                var v = _selfValues;
                Replace(ref k, k.index_select(0, index));
                Replace(ref v, v.index_select(0, index));
                _selfKeys = k;
                _selfValues = v;
            }

            Replace(ref _crossKeys, _crossKeys.index_select(0, index));
            Replace(ref _crossValues, _crossValues.index_select(0, index));
        }

        public void Dispose()
        {
            _selfKeys?.Dispose();
            _selfValues?.Dispose();
            _crossKeys.Dispose();
            _crossValues.Dispose();
        }
    }
}
