using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// File names of exported figures and tables that say what they hold, e.g. <c>real-vs-low-generator-test-bleu</c>: the
/// experiment's or run's name and the metric, each made safe for every file system (<see cref="SafeNames.Slug"/>:
/// lower-case ASCII letters, digits, '-', '_', bounded length), joined by '-'; never a name Windows reserves.
/// </summary>
public static class FigureFileName
{
    /// <summary>What a name with nothing usable left becomes.</summary>
    public const string Fallback = "figure";

    // Windows refuses these as file names whatever the extension.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    };

    /// <summary>The parts' slugs joined by '-', empty parts left out; <see cref="Fallback"/> when none is left.</summary>
    public static string Of(params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        // Dots become dashes too: "vs." would otherwise leave "vs.-low", and the stem then never looks like an extension.
        var words = parts.Select(SafeNames.Slug).SelectMany(p => p.Split(['.', '-'], StringSplitOptions.RemoveEmptyEntries));
        var name = string.Join('-', words);
        if (name.Length == 0)
        {
            return Fallback;
        }

        return Reserved.Contains(name) ? name + "-" + Fallback : name;
    }
}
