using System.Text.Json.Nodes;

namespace Regurgitate.Testing;

/// <summary>A job held by <see cref="FakeOpenAiServer"/>: its creation body, how often it was looked at, and its events so far.</summary>
public sealed class FakeFineTuningJob(string id, string trainingFile, JsonObject request, long trainingTokens, int examples)
{
    public string Id { get; } = id;

    public string TrainingFile { get; } = trainingFile;

    /// <summary>The body the client sent to create it.</summary>
    public JsonObject Request { get; } = request;

    /// <summary>Tokens of one pass over its training file (characters / 4).</summary>
    public long TrainingTokens { get; } = trainingTokens;

    /// <summary>Lines (training examples) of its training file.</summary>
    public int Examples { get; } = examples;

    public string Status { get; set; } = "validating_files";

    public int Polls { get; set; }

    public string? Error { get; set; }

    public string? FineTunedModel { get; set; }

    public List<(string Level, string Message)> Events { get; } = [("info", "Job created.")];
}
