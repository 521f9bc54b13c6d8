using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Designs an experiment spec with a form or as JSON (both edit the same immutable spec) and previews the grid it
/// expands to. The preview is recomputed <see cref="PreviewDelay"/> after the last change, so typing a size does not
/// expand the grid and ask for an estimate on every keystroke. The description follows the values (see
/// <see cref="SpecDescription"/>) until the researcher writes their own.
/// </summary>
public partial class ExperimentDesignerPage : IDisposable
{
    private ExperimentSpec spec = ExperimentTemplates.RealVersusSynthetic();
    private string? templateKey;

    /// <summary>The chosen template's own sentence, which the description written from the values starts with.</summary>
    private string? purpose;

    /// <summary>Set once the description was written by hand (in the form or a pasted JSON); cleared by emptying it.</summary>
    private bool descriptionEdited;
    private DesignPreview? preview;
    private int tab;
    private CancellationTokenSource? pendingPreview;
    private bool launching;
    private string? launchMessage;
    private int? createdId;
    private IReadOnlyList<RunConfigError> launchErrors = [];
    private bool disposed;

    /// <summary>a, b, c or d: start from that study design (see <see cref="ExperimentTemplates"/>); (a) when absent.</summary>
    [SupplyParameterFromQuery(Name = "template")]
    public string? Template { get; set; }

    /// <summary>Quiet time after a change before the preview is recomputed; zero computes at once (tests).</summary>
    [Parameter]
    public TimeSpan PreviewDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    [Inject]
    private IExperimentService Experiments { get; set; } = default!;

    [Inject]
    private IDatasetCatalog Datasets { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The clock the preview's quiet time is measured on (a fake one in tests, so the debounce does not depend on machine load).</summary>
    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<ExperimentDesignerPage> Logger { get; set; } = default!;

    /// <summary>The spec as it stands (for tests and the launch).</summary>
    internal ExperimentSpec CurrentSpec => spec;

    protected override void OnInitialized()
    {
        var key = Template?.Trim().ToLowerInvariant();
        templateKey = ExperimentTemplates.Create(key) is null ? ExperimentTemplates.RealVersusSyntheticKey : key;
        spec = ExperimentTemplates.Create(templateKey)!;
        purpose = spec.Description;
        UpdatePreview();
    }

    public void Dispose()
    {
        disposed = true;
        pendingPreview?.Cancel();
        pendingPreview?.Dispose();
    }

    private void UseTemplate(string key)
    {
        templateKey = key;
        var template = ExperimentTemplates.Create(key)!;
        purpose = template.Description;
        descriptionEdited = false;
        Apply(template);
    }

    private void OnSpecChanged(ExperimentSpec changed)
    {
        NoteDescriptionEdit(changed);
        Apply(descriptionEdited ? changed : changed with { Description = SpecDescription.Compose(purpose, changed, id => Datasets.FindCorpus(id)?.Name ?? id) });
    }

    // JSON is applied exactly as written (rewriting its description would change the text under the researcher's
    // cursor); the next change in the form writes the description again unless this JSON changed it.
    private void OnJsonChanged(ExperimentSpec changed)
    {
        NoteDescriptionEdit(changed);
        Apply(changed);
    }

    private void NoteDescriptionEdit(ExperimentSpec changed)
    {
        if (!string.Equals(changed.Description, spec.Description, StringComparison.Ordinal))
        {
            descriptionEdited = !string.IsNullOrWhiteSpace(changed.Description);
        }
    }

    private void Apply(ExperimentSpec changed)
    {
        spec = changed;
        launchErrors = [];
        launchMessage = null;
        SchedulePreview();
    }

    private void SchedulePreview()
    {
        pendingPreview?.Cancel();
        pendingPreview?.Dispose();
        pendingPreview = null;
        if (PreviewDelay <= TimeSpan.Zero)
        {
            UpdatePreview();
            return;
        }

        var cancellation = new CancellationTokenSource();
        pendingPreview = cancellation;
        var token = cancellation.Token;
        _ = Task.Delay(PreviewDelay, Time, token).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    _ = InvokeAsync(() =>
                    {
                        if (!disposed && !token.IsCancellationRequested)
                        {
                            UpdatePreview();
                            StateHasChanged();
                        }
                    });
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// The preview of the spec as it stands; once it is valid, the sizes are checked against the pool, which takes
    /// loading the corpus, so they join the preview's errors by path when that check answers (if the spec is unchanged).
    /// </summary>
    private void UpdatePreview()
    {
        preview = DesignPreview.Compute(spec, Experiments);
        if (preview.IsValid)
        {
            _ = CheckPoolAsync(spec, preview);
        }
    }

    private async Task CheckPoolAsync(ExperimentSpec checkedSpec, DesignPreview checkedPreview)
    {
        IReadOnlyList<RunConfigError> errors;
        try
        {
            errors = await Experiments.CheckPoolAsync(checkedSpec, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
        {
            // A corpus that cannot be read is reported when launching; the preview stays as it was.
            Logger.LogWarning(ex, "Could not check the pool of experiment spec {Name}", checkedSpec.Name);
            return;
        }

        if (errors.Count > 0 && !disposed)
        {
            await InvokeAsync(() =>
            {
                if (ReferenceEquals(spec, checkedSpec) && ReferenceEquals(preview, checkedPreview))
                {
                    preview = checkedPreview with { Errors = errors };
                    StateHasChanged();
                }
            });
        }
    }

    private async Task LaunchAsync()
    {
        // The preview may be a keystroke behind: decide on the spec as it is now.
        preview = DesignPreview.Compute(spec, Experiments);
        if (!preview.IsValid)
        {
            return;
        }

        launching = true;
        launchErrors = [];
        launchMessage = null;
        createdId = null;
        try
        {
            createdId = await Experiments.CreateAsync(spec, CancellationToken.None);
            await Experiments.StartAsync(createdId.Value, CancellationToken.None);
            Navigation.NavigateTo($"/experiments/{createdId.Value}");
        }
        catch (ExperimentSpecException ex)
        {
            launchErrors = ex.Errors;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(ex, "Could not launch experiment {Name}", spec.Name);
            launchMessage = createdId is null
                ? "The experiment could not be saved; see the server log."
                : "The experiment was saved but could not be started; see the server log. You can start it from its page.";
        }
        finally
        {
            launching = false;
        }
    }
}
