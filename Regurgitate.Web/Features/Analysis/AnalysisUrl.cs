using System.Globalization;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// The Compare datasets page keeps its state in the address, <c>/analysis?corpus=wmt22&amp;sets=wmt22/GPT-4,wmt22/LT22&amp;sample=500</c>
/// for a corpus pool or <c>/analysis?experiment=7&amp;size=4000&amp;sample=500</c> for the training sets of an experiment's
/// runs, so that a comparison can be bookmarked, shared and reloaded.
/// </summary>
public static class AnalysisUrl
{
    public const string Path = "/analysis";

    public static string Build(string? corpus, IEnumerable<string> sets, int? sample = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var parameters = new List<string>();
        if (!string.IsNullOrWhiteSpace(corpus))
        {
            parameters.Add("corpus=" + Uri.EscapeDataString(corpus));
        }

        var ids = ParseSets(string.Join(',', sets));
        if (ids.Count > 0)
        {
            // '/' is kept readable; ids never contain ',' (see SyntheticDatasetRepository).
            parameters.Add("sets=" + string.Join(',', ids.Select(id => Uri.EscapeDataString(id).Replace("%2F", "/", StringComparison.Ordinal))));
        }

        if (sample is { } n)
        {
            parameters.Add("sample=" + n.ToString(CultureInfo.InvariantCulture));
        }

        return parameters.Count == 0 ? Path : Path + "?" + string.Join('&', parameters);
    }

    /// <summary>The training sets of experiment <paramref name="experiment"/> at <paramref name="size"/> (null: the default size).</summary>
    public static string ForExperiment(int experiment, int? size = null, int? sample = null)
    {
        var parameters = new List<string> { "experiment=" + experiment.ToString(CultureInfo.InvariantCulture) };
        if (size is { } s)
        {
            parameters.Add("size=" + s.ToString(CultureInfo.InvariantCulture));
        }

        if (sample is { } n)
        {
            parameters.Add("sample=" + n.ToString(CultureInfo.InvariantCulture));
        }

        return Path + "?" + string.Join('&', parameters);
    }

    /// <summary>Comma-separated ids, trimmed, blanks and repeats (case-insensitive) dropped, order kept.</summary>
    public static IReadOnlyList<string> ParseSets(string? sets) =>
        string.IsNullOrWhiteSpace(sets)
            ? []
            : [.. sets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
