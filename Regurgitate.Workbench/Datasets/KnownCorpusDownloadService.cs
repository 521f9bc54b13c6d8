using System.Collections.Concurrent;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// The known public corpora for the Downloads panel: a corpus whose files are already in the data directory resolves
/// from there; any other is downloaded on demand into <c>&lt;datasets&gt;/downloads/&lt;id&gt;/</c> with progress,
/// resume and checksum verification. A file without a published checksum gets its SHA-256 recorded beside it
/// (<c>&lt;file&gt;.sha256</c>) and is shown as unverified. One download per corpus at a time.
/// </summary>
public sealed class KnownCorpusDownloadService : IDisposable
{
    private readonly CorpusCatalog corpora;
    private readonly CorpusDownloader downloader;
    private readonly HttpClient? ownedClient;
    private readonly ConcurrentDictionary<string, Job> jobs = new(StringComparer.OrdinalIgnoreCase);

    public KnownCorpusDownloadService(CorpusCatalog corpora)
        : this(corpora, null)
    {
    }

    internal KnownCorpusDownloadService(CorpusCatalog corpora, CorpusDownloader? downloader)
    {
        this.corpora = corpora;
        if (downloader is null)
        {
            ownedClient = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            ownedClient.DefaultRequestHeaders.UserAgent.ParseAdd("Regurgitate/0.1 (+research workbench)");
            downloader = new CorpusDownloader(ownedClient);
        }

        this.downloader = downloader;
    }

    /// <summary>Raised (on a worker thread) when a download makes progress, ends or fails.</summary>
    public event Action<string>? Changed;

    public string DownloadDirectory(string corpusId) =>
        Path.Combine(corpora.DatasetsDirectory, DatasetCatalogScanner.DownloadsFolder, SafeNames.Slug(corpusId));

    public IReadOnlyList<KnownCorpusStatus> List() => [.. KnownCorpusDownloads.All.Select(Status)];

    public KnownCorpusStatus Status(KnownCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        jobs.TryGetValue(corpus.Id, out var job);
        var (availability, location) = Locate(corpus);
        return new KnownCorpusStatus(corpus, availability, location, job is { Running: true }, job?.Progress, job?.Error, job?.Results ?? []);
    }

    /// <summary>Starts downloading every file of the corpus in the background (no-op if one is running); watch <see cref="Changed"/>.</summary>
    public void Start(string corpusId)
    {
        var corpus = KnownCorpusDownloads.Find(corpusId) ?? throw new ArgumentException($"Unknown corpus '{corpusId}'.", nameof(corpusId));
        var job = new Job();
        if (jobs.TryGetValue(corpus.Id, out var running) && running.Running)
        {
            return;
        }

        jobs[corpus.Id] = job;
        job.Running = true;
        _ = Task.Run(() => RunAsync(corpus, job));
        Changed?.Invoke(corpus.Id);
    }

    public void Cancel(string corpusId)
    {
        if (jobs.TryGetValue(corpusId, out var job))
        {
            job.Cancellation.Cancel();
        }
    }

    /// <summary>Downloads every file of the corpus in the caller's flow.</summary>
    public async Task<IReadOnlyList<DownloadResult>> DownloadAsync(KnownCorpus corpus, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var folder = DownloadDirectory(corpus.Id);
        var results = new List<DownloadResult>();
        foreach (var file in corpus.Files)
        {
            var destination = Path.Combine(folder, SafeNames.FileName(file.FileName));
            var result = await downloader.DownloadAsync(file, destination, progress, cancellationToken).ConfigureAwait(false);
            if (!result.Verified)
            {
                AtomicFile.WriteAllText(destination + ".sha256", $"{result.Sha256}  {Path.GetFileName(destination)}\n");
            }

            results.Add(result);
        }

        return results;
    }

    public void Dispose()
    {
        foreach (var job in jobs.Values)
        {
            job.Cancellation.Cancel();
        }

        ownedClient?.Dispose();
    }

    private (KnownCorpusAvailability, string?) Locate(KnownCorpus corpus)
    {
        if (corpus.LocalFiles.Count > 0 && corpus.LocalFiles.All(f => File.Exists(Path.Combine(corpora.DataDirectory, f))))
        {
            return (KnownCorpusAvailability.Present, Path.Combine(corpora.DataDirectory, Path.GetDirectoryName(corpus.LocalFiles[0]) ?? string.Empty));
        }

        var folder = DownloadDirectory(corpus.Id);
        return corpus.Files.All(f => File.Exists(Path.Combine(folder, SafeNames.FileName(f.FileName))))
            ? (KnownCorpusAvailability.Downloaded, folder)
            : (KnownCorpusAvailability.Downloadable, null);
    }

    private async Task RunAsync(KnownCorpus corpus, Job job)
    {
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            job.Progress = p;
            Changed?.Invoke(corpus.Id);
        });
        try
        {
            job.Results = await DownloadAsync(corpus, progress, job.Cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Error = "Cancelled; the part received so far is kept and a new download resumes from it.";
        }
        catch (Exception e) when (e is CorpusDownloadException or IOException or UnauthorizedAccessException)
        {
            job.Error = e.Message;
        }
        finally
        {
            job.Running = false;
            Changed?.Invoke(corpus.Id);
        }
    }

    private sealed class Job
    {
        public CancellationTokenSource Cancellation { get; } = new();
        public volatile bool Running;
        public DownloadProgress? Progress { get; set; }
        public string? Error { get; set; }
        public IReadOnlyList<DownloadResult> Results { get; set; } = [];
    }
}
