namespace Regurgitate.Workbench.Execution;

/// <summary>Names of the curves stored per run; the prefix says which split the value was measured on.</summary>
public static class MetricNames
{
    public const string TrainLoss = "train/loss";
    public const string TrainLearningRate = "train/lr";
    public const string TrainTokensPerSecond = "train/tokens_per_s";
    public const string DevBleu = "dev/bleu";
    public const string DevChrF = "dev/chrf";
    public const string DevLoss = "dev/loss";
    public const string TestBleu = "test/bleu";
    public const string TestChrF = "test/chrf";

    /// <summary>Target tokens (padding excluded) trained on up to and including the step; an x axis for comparisons.</summary>
    public const string TrainTokensSeen = "train/tokens_seen";

    /// <summary>Training examples (sentence pairs) seen up to and including the step, real and synthetic together.</summary>
    public const string TrainExamplesSeen = "train/examples_seen";

    /// <summary>Fractional epoch at the step: examples seen over the training-set size.</summary>
    public const string TrainEpoch = "train/epoch";
}
