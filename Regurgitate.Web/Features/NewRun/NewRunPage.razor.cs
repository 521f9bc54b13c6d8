using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Features.NewRun;

public partial class NewRunPage
{
    private readonly NewRunModel model = NewRunModel.FromDefaults();
    private bool submitting;
    private string? startError;

    [Inject]
    private IRunLauncher Launcher { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<NewRunPage> Logger { get; set; } = default!;

    private async Task StartAsync()
    {
        submitting = true;
        startError = null;
        try
        {
            var runId = await Launcher.StartAsync(model.ExperimentName.Trim(), model.ToConfig(), CancellationToken.None);
            Navigation.NavigateTo($"/runs/{runId}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(ex, "Could not start a run of experiment {Experiment}", model.ExperimentName);
            startError = "The run could not be started; see the server log.";
        }
        finally
        {
            submitting = false;
        }
    }
}
