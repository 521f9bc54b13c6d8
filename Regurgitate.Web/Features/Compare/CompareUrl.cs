using System.Globalization;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The comparison page keeps its whole state in the address, <c>/compare?baseline=3&amp;runs=4,5</c>, so that a
/// comparison can be bookmarked, shared and reloaded.
/// </summary>
public static class CompareUrl
{
    public const string Path = "/compare";

    public static string Build(int? baseline, IEnumerable<int> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var parameters = new List<string>();
        if (baseline is { } id)
        {
            parameters.Add("baseline=" + id.ToString(CultureInfo.InvariantCulture));
        }

        var others = runs.Where(r => r != baseline).Distinct().ToList();
        if (others.Count > 0)
        {
            parameters.Add("runs=" + string.Join(',', others.Select(r => r.ToString(CultureInfo.InvariantCulture))));
        }

        return parameters.Count == 0 ? Path : Path + "?" + string.Join('&', parameters);
    }

    /// <summary>The page with a run chosen as the baseline, for the run page's "Compare with…".</summary>
    public static string WithBaseline(int runId) => Build(runId, []);

    /// <summary>The run ids of the <c>runs</c> parameter in order, without duplicates, the baseline or anything that is not an id.</summary>
    public static IReadOnlyList<int> ParseRuns(string? runs, int? baseline) =>
        (runs ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>()
            .Where(id => id != baseline)
            .Distinct()
            .ToList();
}
