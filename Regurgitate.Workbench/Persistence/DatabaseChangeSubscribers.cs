using System.Collections.Concurrent;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// The pages a database watcher tells about commits. One page failing to take the news (its circuit is going away)
/// must not keep it from the others, so each failure is handed to <c>onFailure</c> and the rest are still told.
/// </summary>
internal sealed class DatabaseChangeSubscribers(Action<Exception> onFailure)
{
    private readonly ConcurrentDictionary<Subscription, byte> subscribers = new();

    public bool IsEmpty => subscribers.IsEmpty;

    public IDisposable Subscribe(Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var subscription = new Subscription(this, onChanged);
        subscribers[subscription] = 0;
        return subscription;
    }

    public void Notify()
    {
        foreach (var subscription in subscribers.Keys)
        {
            try
            {
                subscription.OnChanged();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
            {
                onFailure(ex);
            }
        }
    }

    private sealed class Subscription(DatabaseChangeSubscribers owner, Action onChanged) : IDisposable
    {
        public Action OnChanged { get; } = onChanged;

        public void Dispose() => owner.subscribers.TryRemove(this, out _);
    }
}
