using System.Text.Json.Nodes;

namespace Regurgitate.Testing;

/// <summary>A Batch API job of <see cref="FakeOpenAiServer"/>: its request, input lines and how far it got.</summary>
public sealed class FakeBatch(string id, string inputFileId, string endpoint, JsonObject request, IReadOnlyList<string> lines)
{
    public string Id { get; } = id;

    public string InputFileId { get; } = inputFileId;

    public string Endpoint { get; } = endpoint;

    /// <summary>The body the client sent to create it.</summary>
    public JsonObject Request { get; } = request;

    /// <summary>The non-empty lines of its input file.</summary>
    public IReadOnlyList<string> Lines { get; } = lines;

    public string Status { get; set; } = "validating";

    public int Polls { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    public int Completed { get; set; }

    public int Failed { get; set; }

    /// <summary>The <c>errors.data</c> of a batch that failed validation.</summary>
    public string? Error { get; set; }
}
