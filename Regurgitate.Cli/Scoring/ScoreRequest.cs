namespace Regurgitate.Cli.Scoring;

/// <summary>The parsed <c>score</c> command line (sacreBLEU's options and defaults).</summary>
public sealed record ScoreRequest
{
    public required IReadOnlyList<string> References { get; init; }
    public required IReadOnlyList<string> Hypotheses { get; init; }
    public IReadOnlyList<string> Metrics { get; init; } = ["bleu"];
    public string Tokenize { get; init; } = "13a";
    public bool Lowercase { get; init; }
    public string SmoothMethod { get; init; } = "exp";
    public double? SmoothValue { get; init; }
    public int ChrFCharOrder { get; init; } = 6;
    public int ChrFWordOrder { get; init; }
    public int ChrFBeta { get; init; } = 2;
    public bool ChrFWhitespace { get; init; }
    public bool ChrFLowercase { get; init; }
    public bool ChrFEpsSmoothing { get; init; }
    public bool TerCaseSensitive { get; init; }
    public bool TerNoPunct { get; init; }
    public bool TerNormalized { get; init; }
    public bool SentenceLevel { get; init; }
    public bool Json { get; init; } = true;
    public bool PairedBootstrap { get; init; }
    public bool PairedRandomization { get; init; }
    public int PairedBootstrapResamples { get; init; } = 1000;
    public int PairedRandomizationTrials { get; init; } = 10000;
    public int Width { get; init; } = 1;
    public bool ScoreOnly { get; init; }

    /// <summary>The value of <c>SACREBLEU_SEED</c> (null: 12345; "none": unseeded).</summary>
    public string? Seed { get; init; }
}
