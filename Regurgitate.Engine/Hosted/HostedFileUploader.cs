using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Puts one training file on the provider exactly once: journals the upload under the SHA-256 of its whole request
/// before sending it, its file id after; on a rerun a journalled id is reused, a journalled refusal reported again, and
/// an upload sent but never answered is first looked for on the server by its content-derived name (the
/// <c>GET files</c> list), so a crash between sending and journalling cannot upload the file twice. Then waits until
/// the provider has processed (validated) the file; a file it rejects is a journalled refusal with its message.
/// </summary>
/// <param name="purpose">The files API purpose: <see cref="Purpose"/> for training files, <see cref="BatchPurpose"/> for batch inputs.</param>
internal sealed class HostedFileUploader(HostedJournal journal, HostedCallSender sender, HostedFineTuningOptions options, TimeProvider time, string purpose = HostedFileUploader.Purpose)
{
    public const string Purpose = "fine-tune";

    public const string BatchPurpose = "batch";

    public static string RequestHash(HostedTrainingFile file, string purpose = Purpose)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"POST files\npurpose={purpose}\nfilename={file.FileName}\n"));
        hash.AppendData(file.Content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The id of the uploaded, processed file.</summary>
    public async Task<string> EnsureUploadedAsync(string label, HostedTrainingFile file, IProgress<HostedFineTuningProgress>? progress, CancellationToken cancellationToken)
    {
        var hash = RequestHash(file, purpose);
        var latest = journal.Latest(HostedJournalEntry.UploadKind, hash);
        if (latest?.Phase == HostedJournalPhases.Failed)
        {
            throw new HostedFineTuningException($"Training file of '{label}' was rejected earlier (journalled): {latest.Failure}", latest.Failure, null, isFinal: true);
        }

        var fileId = journal.First(HostedJournalEntry.UploadKind, hash, e => e.FileId);
        if (fileId is null && latest?.Phase == HostedJournalPhases.Sent && await FindAsync(file, hash, cancellationToken).ConfigureAwait(false) is { } found)
        {
            fileId = await AcceptAsync(label, hash, found, adopted: true).ConfigureAwait(false);
        }

        if (fileId is null)
        {
            await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Sent) with { Request = Describe(file) }).ConfigureAwait(false);
            var (body, contentType) = Multipart(file, purpose);
            JsonElement reply;
            try
            {
                reply = await sender.SendAsync(
                    new HostedCall("POST", "files", hash, Body: body, ContentType: contentType),
                    token => FindAsync(file, hash, token),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (HostedFineTuningException ex) when (ex.IsFinal)
            {
                await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Failed) with { Failure = ex.Message }).ConfigureAwait(false);
                throw;
            }

            fileId = await AcceptAsync(label, hash, reply, adopted: false).ConfigureAwait(false);
        }

        progress?.Report(new HostedFineTuningProgress(label, HostedFineTuningProgress.UploadStage, "uploaded", fileId));
        if (journal.Latest(HostedJournalEntry.UploadKind, hash)?.Phase != HostedJournalPhases.Processed)
        {
            await WaitProcessedAsync(label, hash, fileId, cancellationToken).ConfigureAwait(false);
            await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Processed) with { FileId = fileId, Status = "processed" }).ConfigureAwait(false);
        }

        return fileId;
    }

    private async Task<string> AcceptAsync(string label, string hash, JsonElement file, bool adopted)
    {
        var id = file.GetProperty("id").GetString() ?? throw new HostedFineTuningException("The provider's file has no id.");
        await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Accepted) with
        {
            FileId = id,
            Status = (adopted ? "found on the server: " : "") + Text(file, "status"),
        }).ConfigureAwait(false);
        return id;
    }

    /// <summary>The provider validates a file after accepting it; a job on an unprocessed file would be refused.</summary>
    private async Task WaitProcessedAsync(string label, string hash, string fileId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var file = await sender.SendAsync(new HostedCall("GET", "files/" + Uri.EscapeDataString(fileId), hash), null, cancellationToken).ConfigureAwait(false);
            var status = Text(file, "status");
            if (status is null or "processed" or "succeeded")
            {
                return; // OpenAI's files may carry no status any more; a file it lists is usable
            }

            if (status is "error" or "failed" or "deleted")
            {
                var details = sender.Redact(Text(file, "status_details") ?? Text(file, "error") ?? "no details");
                var failure = $"The provider rejected the training file {fileId} of '{label}' (status {status}): {details}";
                await journal.AppendAsync(Row(label, hash, HostedJournalPhases.Failed) with { FileId = fileId, Status = status, Failure = failure }).ConfigureAwait(false);
                throw new HostedFineTuningException(failure, details, null, isFinal: true);
            }

            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A file of ours already on the server: the name is derived from the content, so a name match is this file.</summary>
    private async Task<JsonElement?> FindAsync(HostedTrainingFile file, string hash, CancellationToken cancellationToken)
    {
        var list = await sender.SendAsync(
            new HostedCall("GET", "files", hash, Expect: "data", Query: [new("purpose", purpose)]),
            null,
            cancellationToken).ConfigureAwait(false);
        foreach (var candidate in list.GetProperty("data").EnumerateArray())
        {
            if (Text(candidate, "filename") == file.FileName && Text(candidate, "id") is not null
                && (!candidate.TryGetProperty("bytes", out var bytes) || bytes.ValueKind != JsonValueKind.Number || bytes.GetInt64() == file.Content.Length))
            {
                return candidate.Clone();
            }
        }

        return null;
    }

    private static (byte[] Body, string ContentType) Multipart(HostedTrainingFile file, string purpose)
    {
        using var form = new MultipartFormDataContent("regurgitate-" + file.ContentHash[..32]);
        form.Add(new StringContent(purpose), "purpose");
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(content, "file", file.FileName);
        using var buffer = new MemoryStream();
        form.CopyTo(buffer, null, CancellationToken.None);
        return (buffer.ToArray(), form.Headers.ContentType!.ToString());
    }

    private string Describe(HostedTrainingFile file) => JsonSerializer.Serialize(new
    {
        purpose,
        filename = file.FileName,
        bytes = file.Content.Length,
        examples = file.Examples,
        sha256 = file.ContentHash,
    });

    private HostedJournalEntry Row(string label, string hash, string phase) => new()
    {
        Kind = HostedJournalEntry.UploadKind, Phase = phase, Hash = hash, Label = label, At = time.GetUtcNow(),
    };

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;
}
