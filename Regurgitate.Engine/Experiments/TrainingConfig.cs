using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Experiments;

/// <summary>Optimisation and evaluation schedule.</summary>
public sealed record TrainingConfig
{
    /// <summary>
    /// Upper bound of the run's optimiser steps. 0 trains nothing: allowed only for a run that starts from a pretrained
    /// model (<see cref="RunConfig.InitFrom"/>), which then scores that model's translations of the test set as it is.
    /// </summary>
    [Range(0, 10_000_000)] public int MaxSteps { get; init; } = 300;

    /// <summary>
    /// When set, the run trains for this many passes over its training set (rounded up to whole batches) but never
    /// more than <see cref="MaxSteps"/>; learning curves use it so that every training size sees its data equally often.
    /// </summary>
    [Range(0.01, 10_000.0)] public double? Epochs { get; init; }

    /// <summary>
    /// When set, the run trains until it has seen this many target tokens (EOS included, padding excluded: the tokens
    /// its loss counts), looping over its training set as often as that takes, but never more than
    /// <see cref="MaxSteps"/>; <see cref="Epochs"/> is then ignored. Experiments with a matched-tokens budget set it to
    /// what the all-real condition of the same size and seed trains on. Written to JSON only when set, so the
    /// configurations of runs without it serialise exactly as before (a run directory's config.json must match to resume).
    /// </summary>
    [Range(1.0, 1e15)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MaxTargetTokens { get; init; }

    /// <summary>Target tokens per batch; batches are built from length buckets up to this budget.</summary>
    [Range(16, 1_000_000)] public int TokensPerBatch { get; init; } = 2_048;
    /// <summary>Peak learning rate reached at the end of warm-up, then decayed as 1/sqrt(step).</summary>
    [Range(1e-6, 1.0)] public double LearningRate { get; init; } = 1e-3;
    [Range(0, 1_000_000)] public int WarmupSteps { get; init; } = 100;
    [Range(0.0, 0.5)] public double LabelSmoothing { get; init; } = 0.1;
    [Range(0.0, 1000.0)] public double ClipNorm { get; init; } = 1.0;
    /// <summary>Sentences longer than this many subword tokens (either side) are left out of training.</summary>
    [Range(4, 4096)] public int MaxTokensPerSentence { get; init; } = 100;
    [Range(1, 10_000_000)] public int EvaluateEvery { get; init; } = 100;
    /// <summary>CPU threads used by libtorch; 0 means all cores.</summary>
    [Range(0, 1024)] public int Threads { get; init; }
    /// <summary>"auto" (CUDA when available, else CPU), "cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>
    /// libtorch's deterministic algorithms for this run (<see cref="Training.LibTorchSwitches.DeterministicAlgorithms"/>;
    /// process-wide in libtorch, so it holds for every run packed beside this one). Matters on CUDA, where several
    /// kernels (scatter-adds in embedding backward, some cuBLAS paths) otherwise sum in a varying order; the CPU kernels
    /// this model uses are deterministic already. Written to JSON only when set, so older configurations keep their
    /// checkpoints' fingerprint.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DeterministicAlgorithms { get; init; }

    /// <summary>
    /// Trains the forward pass under bf16 autocast (matrix products in bfloat16, weights and optimiser in float32).
    /// CUDA only: refused for the CPU. Written to JSON only when set.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Bf16Autocast { get; init; }
}
