using System.Collections.Concurrent;

namespace Regurgitate.Web.Features.Charts.Figures.Fonts;

/// <summary>
/// The TrueType files behind the two figure fonts, shipped inside this assembly under the SIL Open Font License 1.1
/// (OFL.txt beside them), which permits embedding in documents: Liberation Sans (Arial's and so Helvetica's widths) and
/// Liberation Serif (Times New Roman's widths). Layout measures with them and the PDF embeds subsets of them.
/// </summary>
internal static class FigureFontFiles
{
    private static readonly ConcurrentDictionary<FigureFont, Lazy<TrueTypeFont>> Loaded = new();

    public static TrueTypeFont For(FigureFont font) =>
        Loaded.GetOrAdd(font, f => new Lazy<TrueTypeFont>(() => Load(f))).Value;

    private static TrueTypeFont Load(FigureFont font)
    {
        var file = font == FigureFont.Serif ? "LiberationSerif-Regular.ttf" : "LiberationSans-Regular.ttf";
        var name = $"{typeof(FigureFontFiles).Namespace}.{file}";
        using var stream = typeof(FigureFontFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from {typeof(FigureFontFiles).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new TrueTypeFont(copy.ToArray());
    }
}
