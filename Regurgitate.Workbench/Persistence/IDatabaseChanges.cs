namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// Tells open pages that something was committed to the database, by this process or by any other that shares it
/// (a <c>regurgitate run</c> next to the dashboard), so pages are pushed changes instead of each polling.
/// </summary>
public interface IDatabaseChanges
{
    /// <summary>
    /// Calls <paramref name="onChanged"/> on a background thread after commits, at most once per check interval;
    /// subscribers re-read what they show. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Action onChanged);
}
