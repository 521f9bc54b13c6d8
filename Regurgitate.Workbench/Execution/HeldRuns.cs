using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// The runs this process holds for <see cref="RunCoordinator"/> — queued here or executing — and which of them still
/// wait for a slot. One lock covers "held" and "waiting" together, so a run is never seen waiting without being held.
/// </summary>
internal sealed class HeldRuns
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, ActiveRun> waiting = [];
    private readonly ConcurrentDictionary<int, ActiveRun> held = new();

    public int Count => held.Count;

    public bool Contains(int runId) => held.ContainsKey(runId);

    public bool TryGet(int runId, [MaybeNullWhen(false)] out ActiveRun run) => held.TryGetValue(runId, out run);

    /// <summary>Holds <paramref name="run"/> as waiting; false when a run of that id is held already.</summary>
    public bool TryAddWaiting(ActiveRun run)
    {
        lock (gate)
        {
            if (!held.TryAdd(run.RunId, run))
            {
                return false;
            }

            waiting[run.RunId] = run;
            return true;
        }
    }

    /// <summary>The run if it is waiting, left on the waiting list (so a cancel can still take it off).</summary>
    public bool TryPeekWaiting(int runId, [MaybeNullWhen(false)] out ActiveRun run)
    {
        lock (gate)
        {
            return waiting.TryGetValue(runId, out run);
        }
    }

    /// <summary>Takes a run off the waiting list (it stays held); false when it was not waiting.</summary>
    public bool TryTakeWaiting(int runId, [MaybeNullWhen(false)] out ActiveRun run)
    {
        lock (gate)
        {
            return waiting.Remove(runId, out run);
        }
    }

    /// <summary>
    /// Puts a taken run back on the waiting list (its claim could not be tried), unless it was cancelled meanwhile: the
    /// cancel found nothing waiting to settle, so the caller settles it (false). A cancel sets the run's token before it
    /// looks for the run here, so exactly one of the two settles it.
    /// </summary>
    public bool TryPutBackWaiting(ActiveRun run)
    {
        lock (gate)
        {
            if (run.Cancellation.IsCancellationRequested)
            {
                return false;
            }

            waiting[run.RunId] = run;
            return true;
        }
    }

    /// <summary>Empties the waiting list (shutting down) and returns what was on it.</summary>
    public ActiveRun[] TakeAllWaiting()
    {
        lock (gate)
        {
            ActiveRun[] left = [.. waiting.Values];
            waiting.Clear();
            return left;
        }
    }

    /// <summary>Takes off the waiting list every run not among <paramref name="queued"/> (it left the durable queue).</summary>
    public List<ActiveRun> TakeWaitingNotIn(IReadOnlySet<int> queued)
    {
        lock (gate)
        {
            List<ActiveRun> gone = [.. waiting.Values.Where(r => !queued.Contains(r.RunId))];
            foreach (var run in gone)
            {
                waiting.Remove(run.RunId);
            }

            return gone;
        }
    }

    /// <summary>No longer held by this process (finished, settled or left to another process).</summary>
    public void Remove(int runId) => held.TryRemove(runId, out _);
}
