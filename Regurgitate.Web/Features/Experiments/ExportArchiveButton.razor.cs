using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Downloads the experiment's archive from <see cref="ExperimentArchiveEndpoints"/> through a plain download link (the browser
/// streams it; no script, no circuit traffic; the download attribute keeps Blazor's router from intercepting it). Optionally with each run's final checkpoint and tokenizer (large).
/// </summary>
public partial class ExportArchiveButton
{
    private bool checkpoints;

    [Parameter]
    [EditorRequired]
    public int ExperimentId { get; set; }

    /// <summary>Preparing or running: an archive now would freeze a half-finished grid, so the button waits.</summary>
    [Parameter]
    public bool Active { get; set; }

    /// <summary>The link the button follows, for tests.</summary>
    public string Url => ExperimentArchiveEndpoints.ArchiveUrl(ExperimentId, checkpoints);
}
