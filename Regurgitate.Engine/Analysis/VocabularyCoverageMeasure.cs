namespace Regurgitate.Engine.Analysis;

/// <summary>How much of a target text's vocabulary (e.g. the human references) one side's types cover.</summary>
internal static class VocabularyCoverageMeasure
{
    /// <summary>Coverage of <paramref name="target"/> by <paramref name="sideVocabulary"/>; rare target types occur at most <paramref name="rareMaxCount"/> times.</summary>
    public static VocabularyCoverage Of(Dictionary<string, int> sideVocabulary, IReadOnlyList<string[]> target, int rareMaxCount = 1)
    {
        var counts = AnalysisScratch.ForThread().TypeCounts();
        long tokens = 0, covered = 0;
        foreach (var sentence in target)
        {
            foreach (var token in sentence)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
                tokens++;
                if (sideVocabulary.ContainsKey(token))
                {
                    covered++;
                }
            }
        }

        int coveredTypes = 0, rare = 0, rareCovered = 0;
        foreach (var (type, count) in counts)
        {
            var has = sideVocabulary.ContainsKey(type);
            coveredTypes += has ? 1 : 0;
            if (count <= rareMaxCount)
            {
                rare++;
                rareCovered += has ? 1 : 0;
            }
        }

        return new VocabularyCoverage(
            counts.Count,
            counts.Count == 0 ? 0 : (double)coveredTypes / counts.Count,
            tokens == 0 ? 0 : (double)covered / tokens,
            rare,
            rareMaxCount,
            rare == 0 ? 0 : (double)rareCovered / rare);
    }
}
