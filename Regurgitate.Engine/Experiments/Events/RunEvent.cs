namespace Regurgitate.Engine.Experiments.Events;

/// <summary>Something that happened in a run, published in order by <see cref="RunExecutor"/>.</summary>
public abstract record RunEvent
{
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
}
