namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// The one long computation an analysis panel runs at a time. Starting one cancels the one before (a new choice
/// makes the old answer useless), and only the latest one's end clears <see cref="Running"/>: a cancelled
/// predecessor that finishes late must not hide its successor's progress.
/// </summary>
public sealed class LatestWork : IDisposable
{
    private CancellationTokenSource? current;

    public bool Running { get; private set; }

    /// <summary>The latest work's token (still cancelled after it ends, so follow-up work stops with the page).</summary>
    public CancellationToken Token => current?.Token ?? CancellationToken.None;

    /// <summary>Cancels the running work, if any, and starts the next.</summary>
    public CancellationToken Start()
    {
        Cancel();
        current = new CancellationTokenSource();
        Running = true;
        return current.Token;
    }

    /// <summary>Marks the work of <paramref name="token"/> ended; ignored for work a later start has replaced.</summary>
    public void Finish(CancellationToken token)
    {
        if (current is { } latest && latest.Token == token)
        {
            Running = false;
        }
    }

    public void Cancel()
    {
        current?.Cancel();
        current?.Dispose();
        current = null;
        Running = false;
    }

    public void Dispose() => Cancel();
}
