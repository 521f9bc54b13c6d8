using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// The chat-format JSONL of one grid point's training pairs, as the fine-tuning API expects it: one line per pair,
/// <c>{"messages":[system?, user (the prompt with the German source), assistant (the English target)]}</c>. Its bytes
/// are deterministic for the same pairs and prompt, so the same training set always hashes, names and uploads the same.
/// </summary>
internal sealed class HostedTrainingFile
{
    private HostedTrainingFile(byte[] content, long estimatedTokens, int examples)
    {
        Content = content;
        EstimatedTokens = estimatedTokens;
        Examples = examples;
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(content));
        FileName = $"regurgitate-{ContentHash[..24]}.jsonl";
    }

    public byte[] Content { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="Content"/>.</summary>
    public string ContentHash { get; }

    /// <summary>Named by its content, so a file found on the server under this name is this very file.</summary>
    public string FileName { get; }

    /// <summary>Tokens of one pass over the file, by the heuristic of <see cref="EstimateTokens"/>.</summary>
    public long EstimatedTokens { get; }

    public int Examples { get; }

    /// <summary>A JSONL file built elsewhere (a batch's requests), named after its content like a training file.</summary>
    public static HostedTrainingFile FromJsonl(byte[] content, int lines, long estimatedTokens) => new(content, estimatedTokens, lines);

    public static HostedTrainingFile Create(IReadOnlyList<SentencePair> pairs, HostedFineTuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("A fine-tuning job needs at least one training pair.", nameof(pairs));
        }

        using var buffer = new MemoryStream();
        long tokens = 0;
        foreach (var pair in pairs)
        {
            var prompt = options.PromptTemplate.Replace(LlmGeneratorOptions.SourcePlaceholder, pair.Source, StringComparison.Ordinal);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("messages");
                if (!string.IsNullOrEmpty(options.SystemPrompt))
                {
                    WriteMessage(writer, "system", options.SystemPrompt);
                }

                WriteMessage(writer, "user", prompt);
                WriteMessage(writer, "assistant", pair.Target);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            tokens += EstimateTokens(options.SystemPrompt, prompt, pair.Target);
        }

        return new HostedTrainingFile(buffer.ToArray(), tokens, pairs.Count);
    }

    /// <summary>
    /// Same heuristic as the generator's (<see cref="LlmCostModel"/>): 1 token per 4 characters of every message plus 4
    /// per message and 3 for the conversation; German and English prose run about 4 characters per token.
    /// </summary>
    public static long EstimateTokens(string systemPrompt, string prompt, string target)
    {
        static long Tokens(string text) => (text.Length + 3) / 4;
        var messages = string.IsNullOrEmpty(systemPrompt) ? 2 : 3;
        return Tokens(systemPrompt ?? "") + Tokens(prompt) + Tokens(target) + (4 * messages) + 3;
    }

    /// <summary>The file as text, for tests and inspection.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Content);

    private static void WriteMessage(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
