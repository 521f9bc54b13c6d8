using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Datasets;

public partial class ImportPanel
{
    private IReadOnlyList<IBrowserFile> files = [];
    private IReadOnlyList<string>? importable;
    private string? name;
    private string? licence;
    private string? origin;
    private string? path;
    private string? error;
    private DatasetImportResult? result;
    private bool busy;

    /// <summary>Called after a successful import, so that the catalogue can reload.</summary>
    [Parameter]
    public EventCallback Imported { get; set; }

    [Inject]
    private DatasetImporter Importer { get; set; } = default!;

    [Inject]
    private IOptions<DatasetCatalogOptions> Options { get; set; } = default!;

    private long MaxBytes => Options.Value.MaxImportBytes;

    private DatasetImportRequest Request => new() { Name = name ?? string.Empty, Licence = licence, Origin = origin };

    private void OnFilesChanged(IReadOnlyList<IBrowserFile>? chosen)
    {
        files = chosen ?? [];
        error = null;
        if (string.IsNullOrWhiteSpace(name) && files.Count > 0)
        {
            name = Stem(files[0].Name);
        }
    }

    private Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        importable ??= Importer.ListImportableFiles();
        IEnumerable<string> matches = string.IsNullOrWhiteSpace(text)
            ? importable
            : importable.Where(p => p.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(matches);
    }

    private async Task ImportUploadAsync()
    {
        await RunAsync(async () =>
        {
            var streams = new List<Stream>();
            try
            {
                // One byte over the limit lets the importer say the file is too large, with the limit named.
                foreach (var file in files)
                {
                    streams.Add(file.OpenReadStream(MaxBytes + 1));
                }

                return await Importer.ImportUploadAsync(Request, [.. files.Select((f, i) => new ImportUpload(f.Name, streams[i]))], CancellationToken.None);
            }
            finally
            {
                foreach (var stream in streams)
                {
                    await stream.DisposeAsync();
                }
            }
        });
        if (result is not null)
        {
            files = [];
        }
    }

    private async Task ImportPathAsync()
    {
        if (string.IsNullOrWhiteSpace(name) && path is not null)
        {
            name = Stem(path);
        }

        await RunAsync(() => Importer.ImportFromDataDirectoryAsync(Request, [path ?? string.Empty], CancellationToken.None));
    }

    private async Task RunAsync(Func<Task<DatasetImportResult>> import)
    {
        busy = true;
        error = null;
        result = null;
        try
        {
            result = await import();
            await Imported.InvokeAsync();
        }
        catch (DatasetImportException e)
        {
            error = e.Message;
        }
        catch (IOException e)
        {
            // The browser stream fails this way when a file exceeds the size passed to OpenReadStream.
            error = $"The upload failed: {e.Message}";
        }
        finally
        {
            busy = false;
        }
    }

    private static string Stem(string fileName)
    {
        var stem = Path.GetFileName(fileName);
        foreach (var extension in new[] { ".gz", ".tsv", ".jsonl", ".ndjson", ".json", ".de", ".en" })
        {
            if (stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[..^extension.Length];
            }
        }

        return stem;
    }
}
