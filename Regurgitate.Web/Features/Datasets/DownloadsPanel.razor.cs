using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Datasets;

public partial class DownloadsPanel
{
    private IReadOnlyList<KnownCorpusStatus> statuses = [];

    [Inject]
    private KnownCorpusDownloadService Downloads { get; set; } = default!;

    protected override void OnInitialized()
    {
        statuses = Downloads.List();
        Downloads.Changed += OnChanged;
    }

    public void Dispose() => Downloads.Changed -= OnChanged;

    private static string ChecksumText(KnownCorpusStatus status)
    {
        var files = status.Corpus.Files;
        if (files.All(f => f.Sha256 is not null))
        {
            return "SHA-256 published";
        }

        if (files.All(f => f.HasExpectedChecksum))
        {
            return $"MD5 from {files[0].ChecksumSource}";
        }

        return status.Results.Count > 0 ? $"unverified; recorded SHA-256 {status.Results[0].Sha256[..12]}…" : "unverified (recorded after download)";
    }

    private static string ProgressText(DownloadProgress? progress) => progress is null
        ? "connecting…"
        : string.Create(CultureInfo.InvariantCulture, $"{progress.FileName}: {DatasetsTable.FormatSize(progress.BytesReceived)}{(progress.TotalBytes is { } total ? $" of {DatasetsTable.FormatSize(total)}" : string.Empty)}{(progress.Resumed ? " (resumed)" : string.Empty)}");

    private void Start(string corpusId)
    {
        Downloads.Start(corpusId);
        statuses = Downloads.List();
    }

    private void OnChanged(string corpusId) => _ = InvokeAsync(() =>
    {
        statuses = Downloads.List();
        StateHasChanged();
    });
}
