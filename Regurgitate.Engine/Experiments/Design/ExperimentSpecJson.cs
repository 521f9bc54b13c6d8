using System.Text.Json;
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
            spec = JsonSerializer.Deserialize<ExperimentSpec>(json, Options);
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

    // System.Text.Json appends "Path: $.x | LineNumber: …" to its messages; the path and line are reported separately.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
