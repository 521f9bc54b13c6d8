using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>Database changes a test announces itself, so a page's re-reads follow the test and no clock.</summary>
public sealed class ManualDatabaseChanges : IDatabaseChanges
{
    private readonly List<Action> subscribers = [];

    public int Subscribers
    {
        get
        {
            lock (subscribers)
            {
                return subscribers.Count;
            }
        }
    }

    public IDisposable Subscribe(Action onChanged)
    {
        lock (subscribers)
        {
            subscribers.Add(onChanged);
        }

        return new Unsubscriber(this, onChanged);
    }

    /// <summary>Tells every subscriber that something was committed.</summary>
    public void Commit()
    {
        Action[] current;
        lock (subscribers)
        {
            current = [.. subscribers];
        }

        foreach (var subscriber in current)
        {
            subscriber();
        }
    }

    private sealed class Unsubscriber(ManualDatabaseChanges owner, Action onChanged) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.subscribers)
            {
                owner.subscribers.Remove(onChanged);
            }
        }
    }
}
