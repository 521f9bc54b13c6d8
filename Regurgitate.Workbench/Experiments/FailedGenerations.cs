using System.Text.Json;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Failure counts per condition and generator, read from the <c>training-set.json</c> each grid run writes when it
/// composes its set (so an imported archive, which carries those files, shows the same counts). Runs without the file
/// (not composed yet, all-real runs without synthetic sets) or with a file from before the counts existed add nothing.
/// </summary>
public static class FailedGenerations
{
    public static async Task<IReadOnlyList<FailedGenerationRow>> ReadAsync(
        ExperimentSpec? spec,
        IEnumerable<ExperimentRunRow> runs,
        Func<int, CancellationToken, Task<string>> runDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(runDirectory);
        var localPrefix = spec is { Generators.Count: > 0 } ? ExperimentGrid.DatasetPrefix(spec) + "/" : null;
        var counts = new Dictionary<(string Condition, string Generator), (int InPool, int InSets, int Runs)>();
        foreach (var run in runs.Where(r => r.Role == RunRole.Grid && r.Condition is not null))
        {
            try
            {
                var path = Path.Combine(await runDirectory(run.RunId, cancellationToken), ArchiveFormat.TrainingSetFile);
                if (!File.Exists(path))
                {
                    continue;
                }

                await using var stream = File.OpenRead(path);
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("FailedInPool", out var inPool) || inPool.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var inSet = document.RootElement.TryGetProperty("FailedInSet", out var set) && set.ValueKind == JsonValueKind.Object ? set : default;
                foreach (var generator in inPool.EnumerateObject().Where(g => g.Value.ValueKind == JsonValueKind.Number))
                {
                    var failedInSet = inSet.ValueKind == JsonValueKind.Object && inSet.TryGetProperty(generator.Name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
                    var name = localPrefix is not null && generator.Name.StartsWith(localPrefix, StringComparison.OrdinalIgnoreCase) ? generator.Name[localPrefix.Length..] : generator.Name;
                    var key = (run.Condition!, name);
                    var (pool, sets, seen) = counts.GetValueOrDefault(key);
                    counts[key] = (Math.Max(pool, generator.Value.GetInt32()), sets + failedInSet, seen + 1);
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException or FormatException or InvalidOperationException)
            {
                // A damaged or half-written file must not take the experiment page down; the run adds nothing.
            }
        }

        return [.. counts
            .Where(c => c.Value.InPool > 0)
            .Select(c => new FailedGenerationRow(c.Key.Condition, c.Key.Generator, c.Value.InPool, c.Value.InSets, c.Value.Runs))
            .OrderBy(r => r.Condition, StringComparer.Ordinal)
            .ThenBy(r => r.Generator, StringComparer.Ordinal)];
    }
}
