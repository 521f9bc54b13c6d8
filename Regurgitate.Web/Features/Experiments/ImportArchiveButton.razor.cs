using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Uploads an experiment archive and imports it as a new experiment, then opens it. Uploads are capped like dataset
/// uploads (<see cref="DatasetCatalogOptions.MaxImportBytes"/>, or the archive limit if smaller); a refused archive
/// shows the importer's message, which names the entry and the problem.
/// </summary>
public partial class ImportArchiveButton
{
    private bool busy;
    private string? error;
    private string? phase;

    // Resolved when used rather than injected: pages that host this button render in tests without the importer.
    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<ImportArchiveButton> Logger { get; set; } = default!;

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null || busy)
        {
            return;
        }

        busy = true;
        error = null;
        phase = $"Uploading {file.Name}";
        try
        {
            var importer = Services.GetRequiredService<IExperimentArchiveImporter>();
            var uploadLimit = Services.GetService<IOptions<DatasetCatalogOptions>>()?.Value.MaxImportBytes ?? importer.MaxArchiveBytes;
            var limit = Math.Min(uploadLimit, importer.MaxArchiveBytes);
            if (file.Size > limit)
            {
                error = $"'{file.Name}' is {file.Size:N0} bytes, more than the upload limit of {limit:N0} bytes.";
                return;
            }

            var progress = new SynchronousProgress<ArchiveProgress>(p =>
            {
                phase = p.Message;
                _ = InvokeAsync(StateHasChanged);
            });
            // One byte over the limit lets the importer say the file is too large instead of the stream failing.
            await using var stream = file.OpenReadStream(limit + 1);
            var result = await importer.ImportAsync(stream, file.Name, progress, CancellationToken.None);
            Navigation.NavigateTo($"/experiments/{result.ExperimentId}");
        }
        catch (ExperimentArchiveException ex)
        {
            error = ex.Message;
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Archive upload {FileName} failed", file.Name);
            error = $"The upload failed: {ex.Message}";
        }
        finally
        {
            busy = false;
        }
    }
}
