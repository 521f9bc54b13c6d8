namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Capacity of the pools runs are placed in (<see cref="ExecutionPlacement"/>): a run starts only when its pool has its
/// units free, and gives them back when it ends. Thread-safe; the dispatcher looks again when a run ends.
/// </summary>
internal sealed class PlacementGate
{
    private readonly Dictionary<string, int> used = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Takes the placement's units if its pool has them free.</summary>
    public bool TryTake(ExecutionPlacement placement)
    {
        lock (gate)
        {
            var inUse = used.GetValueOrDefault(placement.Pool);

            // A run bigger than its pool still runs, alone, rather than never.
            if (inUse > 0 && inUse + placement.Units > placement.Capacity)
            {
                return false;
            }

            used[placement.Pool] = inUse + placement.Units;
            return true;
        }
    }

    public void Give(ExecutionPlacement placement)
    {
        lock (gate)
        {
            used[placement.Pool] = Math.Max(0, used.GetValueOrDefault(placement.Pool) - placement.Units);
        }
    }

    /// <summary>Units in use in a pool (for tests).</summary>
    public int InUse(string pool)
    {
        lock (gate)
        {
            return used.GetValueOrDefault(pool);
        }
    }
}
