using System.Globalization;
using System.Text.Json;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// Turns a run's stored configuration JSON into <c>path → text</c> pairs (<c>Mixture.RealFraction → 0.5</c>,
/// <c>Training.LearningRate → 0.0007</c>), so any field can be filtered, grouped by and diffed. Path segments are
/// the C# property names (the stored JSON is camelCase; the first letter is raised again). Arrays are one field
/// holding their compact JSON; null is the empty string.
/// </summary>
public static class ConfigFlattener
{
    public static Dictionary<string, string> Flatten(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            Add(fields, string.Empty, document.RootElement);
        }
        catch (JsonException)
        {
            // A configuration that no longer parses still lists its run; it just has no fields to filter on.
        }

        return fields;
    }

    private static void Add(Dictionary<string, string> fields, string prefix, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name.Length == 0 ? property.Name : char.ToUpperInvariant(property.Name[0]) + property.Name[1..];
                    Add(fields, prefix.Length == 0 ? name : prefix + "." + name, property.Value);
                }

                break;
            case JsonValueKind.String:
                fields[prefix] = element.GetString() ?? string.Empty;
                break;
            case JsonValueKind.Number:
                fields[prefix] = element.TryGetDouble(out var number) ? number.ToString("R", CultureInfo.InvariantCulture) : element.GetRawText();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                fields[prefix] = element.GetBoolean() ? "true" : "false";
                break;
            case JsonValueKind.Null:
                fields[prefix] = string.Empty;
                break;
            default:
                fields[prefix] = element.GetRawText();
                break;
        }
    }
}
