using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Polly;
using Polly.Retry;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// Downloads one file over HTTP(S) into <c>&lt;destination&gt;.partial</c>, resuming with a Range request after a
/// dropped connection (within one call, up to <see cref="MaxAttempts"/>, retried by a Polly pipeline) or in a later call, then verifies the
/// expected checksum and renames the file into place. A checksum mismatch deletes the partial file; nothing is ever
/// left at the destination path unless it is complete and, where a checksum is known, verified.
/// </summary>
public sealed class CorpusDownloader(HttpClient http, TimeProvider? timeProvider = null)
{
    public const string PartialSuffix = ".partial";
    private const int BufferSize = 1 << 16;

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    /// <summary>Tries per call; each retry resumes from what is already on disk.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often progress is reported at most.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <exception cref="CorpusDownloadException">The server could not be reached, refused, or the file failed its checksum.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the partial file stays for a later resume.</exception>
    public async Task<DownloadResult> DownloadAsync(
        KnownCorpusFile file,
        string destinationPath,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        var partial = destinationPath + PartialSuffix;
        var resumedAny = false;
        var attempts = 0;
        try
        {
            await Retries().ExecuteAsync(
                async token => resumedAny |= await TransferAsync(file, partial, ++attempts, progress, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            throw new CorpusDownloadException(
                $"Downloading {file.Url} failed after {attempts} attempts: {e.Message}. This machine may have no internet access; "
                + $"the part received so far is kept in '{partial}' and a later download resumes from it. "
                + "Without network access, copy the files into the data directory instead.",
                e);
        }

        var (sha256, md5) = await HashAsync(partial, file.Md5 is not null, cancellationToken).ConfigureAwait(false);
        var mismatch = file.Sha256 is { } expectedSha && !string.Equals(expectedSha, sha256, StringComparison.OrdinalIgnoreCase)
            ? $"SHA-256 {sha256}, expected {expectedSha}"
            : file.Md5 is { } expectedMd5 && !string.Equals(expectedMd5, md5, StringComparison.OrdinalIgnoreCase)
                ? $"MD5 {md5}, expected {expectedMd5}"
                : null;
        if (mismatch is not null)
        {
            File.Delete(partial);
            throw new CorpusDownloadException(
                $"The file downloaded from {file.Url} does not have the published checksum ({mismatch}{(file.ChecksumSource is null ? string.Empty : $", from {file.ChecksumSource}")}). "
                + "It was deleted; try again, or check whether the file was changed upstream.");
        }

        var bytes = new FileInfo(partial).Length;
        AtomicFile.MoveIntoPlace(partial, destinationPath);
        return new DownloadResult(destinationPath, bytes, sha256, file.HasExpectedChecksum, resumedAny);
    }

    /// <returns>Whether this attempt resumed from an existing partial file.</returns>
    private async Task<bool> TransferAsync(KnownCorpusFile file, string partial, int attempt, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
        {
            // The partial file already holds everything the server has; the checksum decides whether it is right.
            return true;
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
            {
                throw new HttpRequestException($"the server answered {status}", null, response.StatusCode);
            }

            throw new CorpusDownloadException($"Downloading {file.Url} failed: the server answered {status}.");
        }

        var resumed = response.StatusCode == HttpStatusCode.PartialContent && existing > 0;
        if (resumed && response.Content.Headers.ContentRange?.From is { } from && from != existing)
        {
            throw new CorpusDownloadException(
                $"Downloading {file.Url} failed: asked to resume at byte {existing.ToString(CultureInfo.InvariantCulture)} but the server sent a range from {from.ToString(CultureInfo.InvariantCulture)}.");
        }

        long? total = resumed
            ? response.Content.Headers.ContentRange?.Length ?? (response.Content.Headers.ContentLength + existing)
            : response.Content.Headers.ContentLength;
        var received = resumed ? existing : 0;
        await using var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[BufferSize];
        var lastReport = time.GetTimestamp();
        progress?.Report(new DownloadProgress(file.FileName, received, total, resumed, attempt));
        while (true)
        {
            var read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            received += read;
            if (time.GetElapsedTime(lastReport) >= ProgressInterval)
            {
                lastReport = time.GetTimestamp();
                progress?.Report(new DownloadProgress(file.FileName, received, total, resumed, attempt));
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (total is { } expected && received < expected)
        {
            throw new IOException($"the connection closed after {received} of {expected} bytes");
        }

        progress?.Report(new DownloadProgress(file.FileName, received, total, resumed, attempt));
        return resumed;
    }

    /// <summary>
    /// Up to <see cref="MaxAttempts"/> tries of a transfer that failed transiently (connection lost, timeout, 5xx, 408),
    /// <see cref="RetryDelay"/> apart on the downloader's clock; anything else, and the caller's cancellation, ends at once.
    /// </summary>
    private ResiliencePipeline Retries() => MaxAttempts <= 1
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts - 1,
                Delay = RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
            })
            .Build();

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // a timeout, not the caller's cancellation
        HttpRequestException or IOException => true,
        _ => false,
    };

    private static async Task<(string Sha256, string? Md5)> HashAsync(string path, bool withMd5, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // MD5 only to compare against a published MD5, never for security.
        using var md5 = withMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
#pragma warning restore CA5351
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            md5?.AppendData(buffer, 0, read);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), md5 is null ? null : Convert.ToHexStringLower(md5.GetHashAndReset()));
    }
}
