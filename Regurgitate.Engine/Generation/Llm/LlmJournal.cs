using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// The append-only response store of one generation directory: <c>journal.jsonl</c>, one JSON object per line,
/// one line per finished request, flushed to disk before the result is reported. On open, a last line cut short by a
/// crash is dropped (it was never reported); any other unreadable line is an error naming its line number. The file
/// is held open with write-exclusive sharing, so two generators cannot interleave rows in one directory.
/// </summary>
public sealed class LlmJournal : IAsyncDisposable, IDisposable
{
    public const string FileName = "journal.jsonl";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FileStream stream;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, LlmJournalEntry> latest = new(StringComparer.Ordinal);

    private LlmJournal(FileStream stream, List<LlmJournalEntry> entries, bool droppedPartialLine)
    {
        this.stream = stream;
        Entries = entries;
        DroppedPartialLine = droppedPartialLine;
        foreach (var entry in entries)
        {
            latest[entry.Hash] = entry;
        }
    }

    public string Path => stream.Name;

    /// <summary>Every row read on open plus every row appended since, in file order.</summary>
    public List<LlmJournalEntry> Entries { get; }

    /// <summary>True when open found and removed an incomplete last line.</summary>
    public bool DroppedPartialLine { get; }

    /// <summary>Opens (creating if needed) the journal in <paramref name="directory"/> for appending.</summary>
    public static LlmJournal Open(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var (entries, validLength) = ParseLines(bytes, path);
            var dropped = validLength < bytes.Length;
            if (dropped)
            {
                stream.SetLength(validLength);
                stream.Flush(flushToDisk: true);
            }

            stream.Seek(0, SeekOrigin.End);
            return new LlmJournal(stream, entries, dropped);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a journal without opening it for writing (for the parse step and reports).</summary>
    public static IReadOnlyList<LlmJournalEntry> Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (JsonlRows.ReadShared(path) is not { } bytes)
        {
            return [];
        }

        return ParseLines(bytes, path).Entries;
    }

    /// <summary>The row that settles <paramref name="hash"/> (a response or a final failure), if any.</summary>
    public LlmJournalEntry? Settled(string hash)
    {
        lock (latest)
        {
            return latest.TryGetValue(hash, out var entry) && (entry.Response is not null || entry.Final) ? entry : null;
        }
    }

    /// <summary>Money spent on every row in the journal.</summary>
    public decimal TotalCost()
    {
        lock (latest)
        {
            return Entries.Sum(e => e.Cost);
        }
    }

    /// <summary>Appends one row and flushes it to disk before returning.</summary>
    public async Task AppendAsync(LlmJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Not cancellable on purpose: a response that arrived must be recorded, or a resume would pay for it again.
            await stream.WriteAsync(line).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            lock (latest)
            {
                Entries.Add(entry);
                latest[entry.Hash] = entry;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static (List<LlmJournalEntry> Entries, long ValidLength) ParseLines(byte[] bytes, string path) =>
        JsonlRows.Parse<LlmJournalEntry>(bytes, path, Json, e => e.Format == LlmJournalEntry.CurrentFormat);

    public void Dispose()
    {
        stream.Dispose();
        gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        gate.Dispose();
    }
}
