namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>What a comparison chart puts on its x axis.</summary>
public enum SeriesAxis
{
    /// <summary>The optimiser step.</summary>
    Step,

    /// <summary>Target tokens trained on so far (<c>train/tokens_seen</c>).</summary>
    TokensSeen,

    /// <summary>
    /// Real (human-target) training examples seen: <c>train/examples_seen</c> times the run's real fraction. Mixtures
    /// hold exact shares and batches are a shuffle of them, so this is the expected count, not a per-batch tally.
    /// </summary>
    RealExamplesSeen,

    /// <summary>Synthetic training examples seen: <c>train/examples_seen</c> times one minus the run's real fraction.</summary>
    SyntheticExamplesSeen,

    /// <summary>Fractional epoch (<c>train/epoch</c>): examples seen over the training-set size.</summary>
    Epoch,

    /// <summary>Seconds since the run started (the point's timestamp minus the run's start).</summary>
    WallTime,
}
