using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The spec's file format: JSON with camelCase names and enum names as strings. Unknown fields are errors (a misspelt
/// field would otherwise silently fall back to its default), and a syntax error names its line and position.
/// </summary>
public static class ExperimentSpecJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // "sizes": null would otherwise reach the validator as a null list and crash it instead of naming the field.
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <exception cref="ExperimentSpecException">Malformed JSON, unknown fields, or an invalid spec (all errors).</exception>
    public static ExperimentSpec Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ExperimentSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<ExperimentSpec>(WithoutLegacyMitigation(json), Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            throw new ExperimentSpecException([new RunConfigError(ex.Path ?? "", $"Not a valid experiment spec{where}: {FirstSentence(ex.Message)}")], source);
        }

        if (spec is null)
        {
            throw new ExperimentSpecException([new RunConfigError("", "The spec is empty (null).")], source);
        }

        ExperimentSpecValidator.ThrowIfInvalid(spec, source);
        return spec;
    }

    public static string Serialize(ExperimentSpec spec) => JsonSerializer.Serialize(spec, Options);

    // Specs stored before strategies existed carry "mitigation": "none" (an enum with that one value); it meant
    // random order, which is what a spec without strategies does, so the old field is dropped instead of refused.
    private static string WithoutLegacyMitigation(string json)
    {
        if (!json.Contains("\"mitigation\"", StringComparison.Ordinal))
        {
            return json;
        }

        try
        {
            if (JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is JsonObject root
                && root["mitigation"] is JsonValue value && value.TryGetValue<string>(out var legacy) && legacy.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                root.Remove("mitigation");
                return root.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the real parse, with its line and position.
        }

        return json;
    }

    // System.Text.Json appends "Path: $.x | LineNumber: …" to its messages; the path and line are reported separately.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
