namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// The last few finished analyses by key, most recently used first: pages show a cached result at once instead of
/// recomputing it. Thread-safe; failed or cancelled analyses are never added, and two simultaneous identical requests
/// both compute.
/// </summary>
internal sealed class RecentResults<T>(int capacity)
    where T : class
{
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, T Value)> items = new();

    public T? TryGet(string key)
    {
        lock (gate)
        {
            var node = items.First;
            while (node is not null && node.Value.Key != key)
            {
                node = node.Next;
            }

            if (node is null)
            {
                return null;
            }

            items.Remove(node);
            items.AddFirst(node);
            return node.Value.Value;
        }
    }

    public void Add(string key, T value)
    {
        lock (gate)
        {
            items.AddFirst((key, value));
            while (items.Count > capacity)
            {
                items.RemoveLast();
            }
        }
    }
}
