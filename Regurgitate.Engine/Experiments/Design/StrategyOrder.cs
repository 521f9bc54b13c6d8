namespace Regurgitate.Engine.Experiments.Design;

/// <summary>In which order a strategy lets synthetic pairs into training.</summary>
public enum StrategyOrder
{
    /// <summary>A seeded random sample: plain regurgitative training.</summary>
    Random,

    /// <summary>Best per-instance quality first (mitigation 1), scored without human references.</summary>
    Quality,

    /// <summary>Most human-like first, by a human-vs-machine classifier trained on held-out sources (mitigation 3).</summary>
    Detector,
}
