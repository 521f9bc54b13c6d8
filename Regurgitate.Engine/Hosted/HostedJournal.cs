using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// The append-only record of hosted fine-tuning in one folder: <c>hosted-fine-tuning.jsonl</c>, one
/// <see cref="HostedJournalEntry"/> per line, each flushed to disk before the step it records goes on (a request's
/// <see cref="HostedJournalPhases.Sent"/> row before it is sent). A last line cut short by a crash is dropped on open;
/// the file is held write-exclusive, so two backends cannot interleave rows in one folder.
/// </summary>
public sealed class HostedJournal : IAsyncDisposable, IDisposable
{
    public const string FileName = "hosted-fine-tuning.jsonl";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FileStream? stream;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<HostedJournalEntry> entries;

    private HostedJournal(FileStream? stream, string path, List<HostedJournalEntry> entries)
    {
        this.stream = stream;
        this.entries = entries;
        Path = path;
    }

    public string Path { get; }

    /// <summary>A snapshot of every row, in file order.</summary>
    public IReadOnlyList<HostedJournalEntry> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    /// <param name="fileName">Another journal of the same shape in the folder (the LLM generator's <c>batches.jsonl</c>).</param>
    public static HostedJournal Open(string directory, string fileName = FileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, fileName);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var (rows, validLength) = JsonlRows.Parse<HostedJournalEntry>(bytes, path, Json, e => e.Format == HostedJournalEntry.CurrentFormat);
            if (validLength < bytes.Length)
            {
                stream.SetLength(validLength);
                stream.Flush(flushToDisk: true);
            }

            stream.Seek(0, SeekOrigin.End);
            return new HostedJournal(stream, path, rows);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The journal of <paramref name="directory"/> as it is, for looking only (a dry run's estimate): neither the folder
    /// nor the file is created, nothing is locked, and <see cref="AppendAsync"/> refuses.
    /// </summary>
    public static HostedJournal OpenReadOnly(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new HostedJournal(null, System.IO.Path.Combine(directory, FileName), [.. Read(directory)]);
    }

    /// <summary>Reads the journal of <paramref name="directory"/> without opening it for writing.</summary>
    public static IReadOnlyList<HostedJournalEntry> Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (JsonlRows.ReadShared(path) is not { } bytes)
        {
            return [];
        }

        return JsonlRows.Parse<HostedJournalEntry>(bytes, path, Json, e => e.Format == HostedJournalEntry.CurrentFormat).Rows;
    }

    /// <summary>The latest row of the request <paramref name="hash"/> of <paramref name="kind"/>, if any.</summary>
    public HostedJournalEntry? Latest(string kind, string hash)
    {
        lock (entries)
        {
            return entries.LastOrDefault(e => e.Kind == kind && e.Hash == hash);
        }
    }

    /// <summary>The first row of <paramref name="hash"/> carrying a value <paramref name="select"/> picks (e.g. its file id).</summary>
    public string? First(string kind, string hash, Func<HostedJournalEntry, string?> select)
    {
        lock (entries)
        {
            return entries.Where(e => e.Kind == kind && e.Hash == hash).Select(select).FirstOrDefault(v => v is not null);
        }
    }

    /// <summary>Appends one row and flushes it to disk before returning; not cancellable, so a result that arrived is kept.</summary>
    public async Task AppendAsync(HostedJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (stream is null)
        {
            throw new InvalidOperationException($"The hosted journal '{Path}' was opened read-only (an estimate); nothing may be sent from it.");
        }

        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(line).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            lock (entries)
            {
                entries.Add(entry);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        stream?.Dispose();
        gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        gate.Dispose();
    }
}
