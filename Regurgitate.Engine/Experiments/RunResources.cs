namespace Regurgitate.Engine.Experiments;

/// <summary>
/// How the process that executes a run shares its hardware out, decided outside the run's configuration so that a
/// different placement never changes the configuration a checkpoint belongs to (a run packed today resumes from
/// yesterday's checkpoint).
/// </summary>
/// <param name="Threads">libtorch intra-op threads for this run; null keeps <see cref="TrainingConfig.Threads"/>.</param>
/// <param name="Placement">Why the run got these resources, for its log and its first phase message; null says nothing.</param>
/// <param name="Device">
/// The device to train on ("cpu", "cuda:1"), e.g. a worker's slot; null keeps <see cref="TrainingConfig.Device"/>. Not
/// written into the configuration, so a run started on one GPU resumes from its checkpoint on another.
/// </param>
public sealed record RunResources(int? Threads, string? Placement, string? Device = null)
{
    /// <summary>As configured: the run's own <see cref="TrainingConfig.Threads"/> and device, nothing to report.</summary>
    public static RunResources AsConfigured { get; } = new(null, null);

    /// <summary>
    /// Whether a checkpoint waits for the host to confirm it has stored everything published before it
    /// (<see cref="Events.CheckpointPending"/>), so that a crash never leaves a checkpoint ahead of the stored curve. A
    /// host that records runs sets it and must answer every <see cref="Events.CheckpointPending"/>.
    /// </summary>
    public bool ConfirmStoredBeforeCheckpoint { get; init; }
}
