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
}
