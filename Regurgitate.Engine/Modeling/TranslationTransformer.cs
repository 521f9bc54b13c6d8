using Regurgitate.Engine.Experiments;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>
/// Pre-norm encoder–decoder Transformer over a joint source/target subword vocabulary, batch-first.
/// Embeddings are scaled by sqrt(d); with <see cref="ModelConfig.TieEmbeddings"/> the source embedding, target
/// embedding and output projection share one matrix (sensible because the vocabulary is joint).
/// </summary>
public sealed class TranslationTransformer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding sourceEmbedding;
    private readonly Embedding targetEmbedding;
    private readonly Embedding? learnedPositions;
    private readonly Tensor? sinusoidalPositions;
    private readonly ModuleList<EncoderLayer> encoder;
    private readonly LayerNorm encoderNorm;
    private readonly ModuleList<DecoderLayer> decoder;
    private readonly LayerNorm decoderNorm;
    private readonly Linear? outputProjection;
    private readonly FastDropout dropout;
    // Scalars in fields, not converted per call: see KeptScalars.
    private readonly Scalar embeddingScale;
    private readonly Scalar pad;

    public TranslationTransformer(ModelConfig config, int vocabularySize, int padId) : base(nameof(TranslationTransformer))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        PadId = padId;
        VocabularySize = vocabularySize;
        embeddingScale = Math.Sqrt(config.DModel).ToScalar();
        pad = padId.ToScalar();

        sourceEmbedding = nn.Embedding(vocabularySize, config.DModel, padding_idx: padId);
        targetEmbedding = config.TieEmbeddings ? sourceEmbedding : nn.Embedding(vocabularySize, config.DModel, padding_idx: padId);
        if (config.Positions == PositionEncoding.Learned)
        {
            learnedPositions = nn.Embedding(config.MaxPositions, config.DModel);
        }
        else
        {
            sinusoidalPositions = SinusoidalTable(config.MaxPositions, config.DModel);
            register_buffer("sinusoidal_positions", sinusoidalPositions, persistent: false);
        }

        encoder = new ModuleList<EncoderLayer>(Enumerable.Range(0, config.EncoderLayers)
            .Select(i => new EncoderLayer($"encoder_{i}", config.DModel, config.Heads, config.FeedForward, config.Dropout)).ToArray());
        encoderNorm = nn.LayerNorm(config.DModel);
        decoder = new ModuleList<DecoderLayer>(Enumerable.Range(0, config.DecoderLayers)
            .Select(i => new DecoderLayer($"decoder_{i}", config.DModel, config.Heads, config.FeedForward, config.Dropout)).ToArray());
        decoderNorm = nn.LayerNorm(config.DModel);
        if (!config.TieEmbeddings)
        {
            outputProjection = nn.Linear(config.DModel, vocabularySize, hasBias: false);
        }

        dropout = new FastDropout(config.Dropout);
        RegisterComponents();
        InitialiseParameters();
    }

    public ModelConfig Config { get; }
    public int PadId { get; }
    public int VocabularySize { get; }

    /// <summary>Boolean [B, 1, 1, Ts] mask, true on real (non-pad) source tokens.</summary>
    public Tensor SourceMask(Tensor source) => source.ne(pad).unsqueeze(1).unsqueeze(1);

    /// <summary>Encodes source ids [B, Ts] into memory [B, Ts, D].</summary>
    public Tensor Encode(Tensor source, Tensor sourceMask)
    {
        var x = Embed(sourceEmbedding, source);
        foreach (var layer in encoder)
        {
            x = layer.forward(x, sourceMask);
        }

        return encoderNorm.forward(x);
    }

    /// <summary>Logits [B, Tt, V] for target input ids [B, Tt] (BOS-prefixed) given the encoder memory.</summary>
    public Tensor Decode(Tensor targetInput, Tensor memory, Tensor sourceMask) => Project(DecodeStates(targetInput, memory, sourceMask));

    /// <summary>The decoder's final (normalised) states [B, Tt, D], before the projection to the vocabulary.</summary>
    public Tensor DecodeStates(Tensor targetInput, Tensor memory, Tensor sourceMask)
    {
        var x = Embed(targetEmbedding, targetInput);
        foreach (var layer in decoder)
        {
            x = layer.forward(x, memory, sourceMask);
        }

        return decoderNorm.forward(x);
    }

    /// <summary>Logits [..., V] of decoder states [..., D].</summary>
    public Tensor Project(Tensor states) =>
        outputProjection is null ? nn.functional.linear(states, targetEmbedding.weight!) : outputProjection.forward(states);

    /// <summary>Teacher-forced decoder states [B, Tt, D]: <see cref="forward"/> without the projection to the vocabulary.</summary>
    public Tensor TeacherForcedStates(Tensor source, Tensor targetInput)
    {
        var mask = SourceMask(source);
        return DecodeStates(targetInput, Encode(source, mask), mask);
    }

    /// <summary>
    /// Starts incremental decoding for a batch: projects the encoder memory [B, Ts, D] into each decoder layer's
    /// cross-attention keys/values once. Feed BOS first through <see cref="DecodeStep"/>.
    /// </summary>
    public DecoderState StartDecoding(Tensor memory, Tensor sourceMask)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var layers = new DecoderState.LayerState[decoder.Count];
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = decoder[i].StartDecoding(memory);
        }

        return new DecoderState(layers, sourceMask);
    }

    /// <summary>
    /// Feeds the previous target token of every row (ids [rows], BOS at the first step) at position
    /// <see cref="DecoderState.Length"/>, appends to the state's self-attention cache and returns next-token
    /// log-probabilities [rows, V]. Equals <c>log_softmax(Decode(prefix))</c> at the last position, at a cost per step
    /// that grows only linearly with the prefix length. Call in evaluation mode (no dropout) under <c>no_grad</c>.
    /// </summary>
    public Tensor DecodeStep(Tensor previousTokens, DecoderState state)
    {
        ArgumentNullException.ThrowIfNull(previousTokens);
        ArgumentNullException.ThrowIfNull(state);
        var position = state.Length;
        if (position >= Config.MaxPositions)
        {
            throw new ArgumentException($"Target position {position} exceeds the model's {Config.MaxPositions} positions.");
        }

        var ids = previousTokens.reshape(-1, 1);
        var x = targetEmbedding.forward(ids).mul(embeddingScale);
        x = KeptScalars.Sum(x, learnedPositions is not null
            ? learnedPositions.forward(tensor(new long[] { position }, device: ids.device)).unsqueeze(0)
            : sinusoidalPositions![TensorIndex.Slice(position, position + 1)].unsqueeze(0));
        for (var i = 0; i < decoder.Count; i++)
        {
            x = decoder[i].Step(x, state.Layer(i), state.SourceMask);
        }

        state.Length = position + 1;
        return Project(decoderNorm.forward(x).squeeze(1)).log_softmax(-1);
    }

    /// <summary>Teacher-forced logits [B, Tt, V].</summary>
    public override Tensor forward(Tensor source, Tensor targetInput) => Project(TeacherForcedStates(source, targetInput));

    public long ParameterCount() => parameters().Sum(p => p.numel());

    private Tensor Embed(Embedding embedding, Tensor ids)
    {
        var length = ids.shape[1];
        if (length > Config.MaxPositions)
        {
            throw new ArgumentException($"Sequence of {length} tokens exceeds the model's {Config.MaxPositions} positions.");
        }

        var x = embedding.forward(ids).mul(embeddingScale);
        x = KeptScalars.Sum(x, learnedPositions is not null
            ? learnedPositions.forward(KeptScalars.Range(length, device: ids.device)).unsqueeze(0)
            : sinusoidalPositions![TensorIndex.Slice(0, length)].unsqueeze(0));
        return dropout.forward(x);
    }

    private void InitialiseParameters()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (parameter.dim() < 2)
            {
                continue;
            }

            if (name.Contains("embedding", StringComparison.OrdinalIgnoreCase) || name.Contains("positions", StringComparison.OrdinalIgnoreCase))
            {
                // Scaled by sqrt(d) on the way in, so N(0, 1/d) keeps the embedded inputs at unit scale (as in fairseq).
                nn.init.normal_(parameter, 0, Math.Pow(Config.DModel, -0.5));
            }
            else
            {
                nn.init.xavier_uniform_(parameter);
            }
        }

        sourceEmbedding.weight![PadId].zero_();
        if (!Config.TieEmbeddings)
        {
            targetEmbedding.weight![PadId].zero_();
        }
    }

    private static Tensor SinusoidalTable(int positions, int dim)
    {
        using var dimensions = dim.ToScalar();
        using var two = 2.ToScalar();
        using var frequencyScale = (-Math.Log(10000.0) / dim).ToScalar();
        var position = KeptScalars.Range(positions, ScalarType.Float32).unsqueeze(1);
        var divTerm = exp(arange(KeptScalars.Zero, dimensions, two, dtype: ScalarType.Float32).mul(frequencyScale));
        var table = zeros(positions, dim);
        table[TensorIndex.Colon, TensorIndex.Slice(0, null, 2)] = sin(position * divTerm);
        table[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)] = cos(position * divTerm[TensorIndex.Slice(0, dim / 2)]);
        return table;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            embeddingScale.Dispose();
            pad.Dispose();
        }

        base.Dispose(disposing);
    }
}
