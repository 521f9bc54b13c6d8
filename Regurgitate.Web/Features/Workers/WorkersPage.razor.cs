using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Dispatch;

namespace Regurgitate.Web.Features.Workers;

/// <summary>
/// The workers that joined the job engine (Workers mode): host, devices, the run each trains, last heartbeat and runs
/// done, read again every <see cref="RefreshInterval"/> (workers report to Hangfire's tables, which the database's change
/// notifications do not cover).
/// </summary>
public partial class WorkersPage
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource closing = new();
    private IReadOnlyList<WorkerState>? workers;
    private string? loadError;

    [Inject]
    private IWorkerMonitor Monitor { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<WorkersPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!Monitor.WorkersMode)
        {
            return;
        }

        await LoadAsync();
        _ = RefreshAsync(closing.Token);
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            workers = await Monitor.ListAsync(closing.Token);
            loadError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the workers from the job engine");
            loadError = "The workers could not be read from the job engine; see the server log.";
        }
    }

    private string Ago(DateTimeOffset moment)
    {
        var elapsed = Time.GetUtcNow() - moment;
        return elapsed < TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, elapsed.TotalSeconds):0} s ago")
            : elapsed < TimeSpan.FromHours(1)
                ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMinutes:0} min ago")
                : moment.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
    }
}
