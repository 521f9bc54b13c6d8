using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Builds request bodies and their cache keys. The key is the SHA-256 of a canonical JSON document holding the key
/// format version, the provider, the endpoint, the model/deployment, the complete request body (messages and every
/// sampling parameter) and the sample index, so any change that could change the output misses the cache.
/// The body is written with a fixed property order and no optional property that is unset, which makes it canonical.
/// </summary>
public sealed class LlmRequestFactory
{
    /// <summary>Bumped whenever the body layout or the key material changes (old journal rows then simply miss).</summary>
    public const int KeyVersion = 1;

    // Non-ASCII text stays readable in the journal; the body is JSON for an HTTP API, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LlmGeneratorOptions options;
    private readonly string endpoint;

    public LlmRequestFactory(LlmGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        this.options = options;
        endpoint = options.Endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
    }

    public LlmRequest Create(SourceSegment source, int sample)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        var body = Body(source.Text, sample);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CacheKeyMaterial(body, sample))));
        return new LlmRequest(source.Index, sample, hash, body);
    }

    /// <summary>The user message for a source sentence.</summary>
    public string Prompt(string source) => options.PromptTemplate.Replace(LlmGeneratorOptions.SourcePlaceholder, source, StringComparison.Ordinal);

    /// <summary>The canonical document whose SHA-256 is the request's cache key.</summary>
    public string CacheKeyMaterial(string body, int sample)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("keyVersion", KeyVersion);
            json.WriteString("provider", options.Provider.ToString());
            json.WriteString("endpoint", endpoint);
            json.WriteString("model", options.Model);
            json.WritePropertyName("body");
            json.WriteRawValue(body);
            json.WriteNumber("sample", sample);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private string Body(string source, int sample)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (options.Provider == LlmProvider.OpenAICompatible)
            {
                // Azure takes the model from the deployment in the URL; OpenAI-compatible servers need it in the body.
                json.WriteString("model", options.Model);
            }

            json.WriteStartArray("messages");
            if (!string.IsNullOrEmpty(options.SystemPrompt))
            {
                WriteMessage(json, "system", options.SystemPrompt);
            }

            WriteMessage(json, "user", Prompt(source));
            json.WriteEndArray();
            json.WriteNumber("temperature", options.Temperature);
            if (options.TopP is { } topP)
            {
                json.WriteNumber("top_p", topP);
            }

            json.WriteNumber("max_tokens", options.MaxOutputTokens);
            if (options.Seed is { } seed)
            {
                json.WriteNumber("seed", (long)seed + sample);
            }

            json.WriteNumber("n", 1);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}
