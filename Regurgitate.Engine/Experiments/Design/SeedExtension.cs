namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Growing an experiment by seeds: nothing an experiment prepares (generators and their translations, held-out sets,
/// quality and detector scores, the shared tokenizer) and none of its completed runs depends on the grid's seeds, so a
/// spec that only adds seeds can extend the stored experiment in place, and resuming it trains just the new runs.
/// </summary>
public static class SeedExtension
{
    /// <summary>
    /// The seeds <paramref name="requested"/> adds to <paramref name="stored"/> (possibly none), or null when it also
    /// changes anything else or drops a stored seed.
    /// </summary>
    public static IReadOnlyList<int>? AddedSeeds(ExperimentSpec stored, ExperimentSpec requested)
    {
        if (!stored.Seeds.All(requested.Seeds.Contains)
            || ExperimentSpecJson.Serialize(requested with { Seeds = stored.Seeds }) != ExperimentSpecJson.Serialize(stored))
        {
            return null;
        }

        return [.. requested.Seeds.Where(s => !stored.Seeds.Contains(s)).Distinct()];
    }

    /// <summary>The stored spec with <paramref name="seeds"/> appended (those it has already are skipped).</summary>
    public static ExperimentSpec WithSeeds(ExperimentSpec stored, IEnumerable<int> seeds) =>
        stored with { Seeds = [.. stored.Seeds, .. seeds.Where(s => !stored.Seeds.Contains(s)).Distinct()] };
}
