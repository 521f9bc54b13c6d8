using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Workbench.Tests.Datasets;

public sealed class CorpusDownloaderTests : IDisposable
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251))];
    private static readonly string PayloadSha = Convert.ToHexStringLower(SHA256.HashData(Payload));

    private readonly string folder = Directory.CreateTempSubdirectory("regurgitate-download-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private string Destination => Path.Combine(folder, "corpus.tgz");

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private CorpusDownloader Downloader(int attempts = 4) => new(http) { MaxAttempts = attempts, RetryDelay = TimeSpan.FromMilliseconds(10), ProgressInterval = TimeSpan.Zero };

    [Fact]
    public async Task A_dropped_connection_is_resumed_with_a_range_request_and_the_checksum_verified()
    {
        await using var server = new LoopbackFileServer(Payload, dropFirstResponses: 1);
        var reports = new List<DownloadProgress>();

        var result = await Downloader().DownloadAsync(
            new KnownCorpusFile(server.FileUrl, "corpus.tgz", Sha256: PayloadSha), Destination, new SynchronousProgress<DownloadProgress>(reports.Add), CancellationToken.None);

        Assert.Equal(Payload, await File.ReadAllBytesAsync(Destination));
        Assert.Equal((PayloadSha, true, true, Payload.Length), (result.Sha256, result.Verified, result.Resumed, (int)result.Bytes));
        Assert.Equal([null, "bytes=150000-"], server.RangeHeaders);
        Assert.False(File.Exists(Destination + ".partial"));
        Assert.Contains(reports, r => r.Resumed && r.Attempt == 2 && r.BytesReceived == Payload.Length && r.Fraction == 1.0);
    }

    [Fact]
    public async Task The_wait_between_attempts_runs_on_the_downloaders_clock()
    {
        await using var server = new LoopbackFileServer(Payload, dropFirstResponses: 1);
        var time = new TimerCountingTimeProvider(new FakeTimeProvider());
        var downloader = new CorpusDownloader(http, time) { MaxAttempts = 2, RetryDelay = TimeSpan.FromHours(1), ProgressInterval = TimeSpan.Zero };
        var download = downloader.DownloadAsync(new KnownCorpusFile(server.FileUrl, "corpus.tgz", Sha256: PayloadSha), Destination, null, CancellationToken.None);

        // The only timer is the wait after the dropped connection; an hour of it passes at once on the fake clock.
        await time.WhenTimersCreated(1).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(Assert.Single(server.RangeHeaders));
        time.Clock.Advance(TimeSpan.FromHours(1));
        var result = await download.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Resumed);
        Assert.Equal([null, "bytes=150000-"], server.RangeHeaders);
        Assert.Equal(Payload, await File.ReadAllBytesAsync(Destination));
    }

    [Fact]
    public async Task A_cancelled_download_keeps_its_partial_file_and_a_later_call_resumes_it()
    {
        await using var server = new LoopbackFileServer(Payload) { Stall = new TaskCompletionSource() };
        using var cancellation = new CancellationTokenSource();
        var file = new KnownCorpusFile(server.FileUrl, "corpus.tgz", Md5: Convert.ToHexStringLower(MD5.HashData(Payload)));
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.BytesReceived >= Payload.Length / 2)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader().DownloadAsync(file, Destination, progress, cancellation.Token));

        Assert.Equal(Payload.Length / 2, new FileInfo(Destination + ".partial").Length);
        Assert.False(File.Exists(Destination));
        server.Stall = null;

        var result = await Downloader().DownloadAsync(file, Destination, null, CancellationToken.None);

        Assert.True(result.Resumed);
        Assert.True(result.Verified);
        Assert.Equal(Payload, await File.ReadAllBytesAsync(Destination));
        Assert.Equal("bytes=150000-", server.RangeHeaders[^1]);
    }

    [Fact]
    public async Task A_server_without_range_support_restarts_from_the_beginning()
    {
        await using var server = new LoopbackFileServer(Payload, dropFirstResponses: 1, supportRange: false);

        var result = await Downloader().DownloadAsync(new KnownCorpusFile(server.FileUrl, "corpus.tgz"), Destination, null, CancellationToken.None);

        Assert.Equal(Payload, await File.ReadAllBytesAsync(Destination));
        Assert.False(result.Resumed);
        Assert.False(result.Verified);
        Assert.Equal(PayloadSha, result.Sha256);
    }

    [Fact]
    public async Task A_checksum_mismatch_deletes_the_data_and_says_which_checksum_was_expected()
    {
        await using var server = new LoopbackFileServer(Payload);
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<CorpusDownloadException>(() => Downloader().DownloadAsync(
            new KnownCorpusFile(server.FileUrl, "corpus.tgz", Sha256: wrong, ChecksumSource: "the test"), Destination, null, CancellationToken.None));

        Assert.Contains($"SHA-256 {PayloadSha}, expected {wrong}, from the test", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Http_errors_and_unreachable_hosts_give_clear_messages()
    {
        await using var server = new LoopbackFileServer(Payload, status: HttpStatusCode.NotFound);
        var notFound = await Assert.ThrowsAsync<CorpusDownloadException>(() => Downloader().DownloadAsync(
            new KnownCorpusFile(server.FileUrl, "corpus.tgz"), Destination, null, CancellationToken.None));
        Assert.Equal($"Downloading {server.FileUrl} failed: the server answered 404 Not Found.", notFound.Message);

        // Nothing listens on port 1: the same failure as a machine without network access.
        var unreachable = await Assert.ThrowsAsync<CorpusDownloadException>(() => Downloader(attempts: 2).DownloadAsync(
            new KnownCorpusFile(new Uri("http://127.0.0.1:1/de-en.tgz"), "de-en.tgz"), Destination, null, CancellationToken.None));
        Assert.StartsWith("Downloading http://127.0.0.1:1/de-en.tgz failed after 2 attempts", unreachable.Message, StringComparison.Ordinal);
        Assert.Contains("no internet access", unreachable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_corpora_have_canonical_urls_and_the_shared_data_resolves_locally()
    {
        Assert.Equal(new Uri("https://www.statmt.org/europarl/v7/de-en.tgz"), KnownCorpusDownloads.Find("europarl-v7-de-en")!.Files.Single().Url);
        Assert.Equal(6, KnownCorpusDownloads.Find("multi30k")!.Files.Count);
        Assert.All(KnownCorpusDownloads.All.SelectMany(c => c.Files), f => Assert.Equal("https", f.Url.Scheme));

        var corpora = new Regurgitate.Engine.Data.CorpusCatalog(new Regurgitate.Engine.Data.DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = folder }, folder);
        using var service = new KnownCorpusDownloadService(corpora);
        var status = service.List().ToDictionary(s => s.Corpus.Id, s => s.Availability);

        Assert.Equal(KnownCorpusAvailability.Downloadable, status["europarl-v7-de-en"]);
        Assert.Equal(KnownCorpusAvailability.Present, status["multi30k"]);
        Assert.Equal(KnownCorpusAvailability.Present, status["wmt22-general"]);
    }
}
