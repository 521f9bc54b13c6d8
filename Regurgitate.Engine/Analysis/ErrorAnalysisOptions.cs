namespace Regurgitate.Engine.Analysis;

/// <summary>Thresholds and bins of <see cref="ErrorAnalysis"/>. A sentence counts as an error by a metric when it is on the wrong side of its threshold.</summary>
public sealed record ErrorAnalysisOptions
{
    /// <summary>chrF2 (sacreBLEU defaults) below this is an error. Sentence chrF under 30 rarely keeps the meaning.</summary>
    public double ChrFThreshold { get; init; } = 30;

    /// <summary>Sentence BLEU (sacreBLEU sentence defaults: exp smoothing, effective order) below this is an error.</summary>
    public double BleuThreshold { get; init; } = 10;

    /// <summary>TER (sacreBLEU defaults, case-insensitive) above this is an error.</summary>
    public double TerThreshold { get; init; } = 80;

    /// <summary>Histogram bin width on the 0–100 score scale (the last bin is open-ended, TER can exceed 100).</summary>
    public double BinWidth { get; init; } = 10;

    public ErrorSignalOptions Signals { get; init; } = new();

    /// <summary>Pairs per parallel work item.</summary>
    public int ChunkSize { get; init; } = 512;
}
