using System.ComponentModel.DataAnnotations;

namespace Regurgitate.Engine.Experiments;

/// <summary>Shape of the encoder–decoder Transformer and of its joint subword vocabulary.</summary>
public sealed record ModelConfig
{
    [Range(64, 64_000)] public int VocabSize { get; init; } = 4_000;
    [Range(16, 4096)] public int DModel { get; init; } = 256;
    [Range(1, 64)] public int Heads { get; init; } = 4;
    [Range(1, 24)] public int EncoderLayers { get; init; } = 3;
    [Range(1, 24)] public int DecoderLayers { get; init; } = 3;
    [Range(16, 16384)] public int FeedForward { get; init; } = 1024;
    [Range(0.0, 0.9)] public double Dropout { get; init; } = 0.1;
    public PositionEncoding Positions { get; init; } = PositionEncoding.Sinusoidal;
    public bool TieEmbeddings { get; init; } = true;
    [Range(8, 4096)] public int MaxPositions { get; init; } = 256;

    public static ModelConfig Tiny => new() { VocabSize = 1_000, DModel = 64, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 128, Dropout = 0.0 };
    public static ModelConfig Small => new();
    public static ModelConfig Base => new() { VocabSize = 8_000, DModel = 512, Heads = 8, EncoderLayers = 6, DecoderLayers = 6, FeedForward = 2048 };
}
