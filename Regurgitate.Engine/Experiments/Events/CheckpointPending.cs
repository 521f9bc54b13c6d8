namespace Regurgitate.Engine.Experiments.Events;

/// <summary>
/// Published just before a checkpoint of <paramref name="Step"/> is written, when the host asked to confirm first
/// (<see cref="RunResources.ConfirmStoredBeforeCheckpoint"/>). The host stores every event published before this one
/// and calls <see cref="Confirm"/>; only then is the checkpoint written. Otherwise the training thread, which runs ahead
/// of its host, could write a checkpoint whose steps the host had not stored yet, and a crash in between would resume
/// past points the curve never received.
/// </summary>
public sealed record CheckpointPending(int Step) : RunEvent
{
    private readonly TaskCompletionSource<bool> confirmation = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The host's answer: true when everything published before this event is stored.</summary>
    public void Confirm(bool stored) => confirmation.TrySetResult(stored);

    /// <summary>
    /// Blocks the training thread until the host answers; false when it could not store, or did not answer within
    /// <paramref name="timeout"/> as <paramref name="time"/> counts it. Not
    /// cancelled by a stop: the checkpoint a stop writes waits for the points before it like any other.
    /// </summary>
    internal bool WaitForConfirmation(TimeSpan timeout, TimeProvider time)
    {
        try
        {
            return confirmation.Task.WaitAsync(timeout, time).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
