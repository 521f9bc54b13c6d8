using System.Text.Json;
using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Features.Charts.Export;

/// <summary>
/// The export dialog's choices, kept in the browser's local storage under <see cref="StorageKey"/> so that the next
/// export starts from the last settings. Stored text that does not parse or validate is ignored.
/// </summary>
public sealed record FigureExportSettings
{
    public const string StorageKey = "regurgitate.figureExport.v1";
    public const int MinDpi = 72;
    public const int MaxDpi = 1200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public FigureStyle Style { get; init; } = new();

    /// <summary>Resolution of PNG exports in pixels per inch.</summary>
    public int Dpi { get; init; } = 300;

    public IReadOnlyList<string> Validate()
    {
        var errors = Style.Validate().ToList();
        if (Dpi is < MinDpi or > MaxDpi)
        {
            errors.Add($"PNG resolution must be between {MinDpi} and {MaxDpi} dpi.");
        }

        return errors;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FigureExportSettings? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var settings = JsonSerializer.Deserialize<FigureExportSettings>(json, Json);
            return settings is { Style: not null } && settings.Validate().Count == 0 ? settings : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
