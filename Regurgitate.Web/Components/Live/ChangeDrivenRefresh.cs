using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Components.Live;

/// <summary>
/// Re-reads a page's data when the database tells it something changed (<see cref="IDatabaseChanges"/>): one read at a
/// time, reads at least <c>spacing</c> apart, and changes that arrive during a read or the spacing cause exactly one
/// more read after it. A training run committing every 100 ms therefore costs a page one read per spacing, and an idle
/// database costs it nothing.
/// </summary>
public sealed class ChangeDrivenRefresh : IDisposable
{
    private const int Idle = 0;
    private const int Reading = 1;
    private const int ReadingAndChanged = 2;

    private readonly Func<CancellationToken, Task> read;
    private readonly TimeSpan spacing;
    private readonly TimeProvider timeProvider;
    private readonly CancellationTokenSource stop = new();
    private readonly IDisposable subscription;
    private int state;

    /// <param name="changes">Where changes come from.</param>
    /// <param name="read">Reads and shows the page's data; handles and logs its own failures.</param>
    /// <param name="spacing">The least time between the end of one read and the start of the next.</param>
    /// <param name="timeProvider">The clock the spacing is measured with.</param>
    public ChangeDrivenRefresh(IDatabaseChanges changes, Func<CancellationToken, Task> read, TimeSpan spacing, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(changes);
        this.read = read ?? throw new ArgumentNullException(nameof(read));
        this.spacing = spacing;
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        subscription = changes.Subscribe(Changed);
    }

    /// <summary>Something changed: read now, or once more after the read in progress.</summary>
    public void Changed()
    {
        while (true)
        {
            var current = Volatile.Read(ref state);
            if (current == ReadingAndChanged || stop.IsCancellationRequested)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref state, current + 1, current) == current)
            {
                if (current == Idle)
                {
                    _ = ReadWhileChangedAsync();
                }

                return;
            }
        }
    }

    public void Dispose()
    {
        subscription.Dispose();
        stop.Cancel();
    }

    private async Task ReadWhileChangedAsync()
    {
        var caughtUp = false;
        try
        {
            while (true)
            {
                await read(stop.Token);
                await Task.Delay(spacing, timeProvider, stop.Token);
                if (Interlocked.CompareExchange(ref state, Idle, Reading) == Reading)
                {
                    caughtUp = true;
                    return;
                }

                Volatile.Write(ref state, Reading);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page was left.
        }
        finally
        {
            // A read that failed must not leave the page deaf to the next change.
            if (!caughtUp)
            {
                Volatile.Write(ref state, Idle);
            }
        }
    }
}
