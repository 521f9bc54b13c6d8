namespace Regurgitate.Engine.Analysis;

/// <summary>distinct-n: distinct n-grams over all n-grams, counted within sentences of interned tokens.</summary>
internal static class DistinctNGramMeasure
{
    /// <summary>n-grams never cross a sentence boundary; 0 when there is no n-gram.</summary>
    public static double Of(int[][] sentences, int n)
    {
        var seen = AnalysisScratch.ForThread().Distinct();
        long total = 0;
        foreach (var s in sentences)
        {
            for (var i = 0; i + n <= s.Length; i++)
            {
                seen.Add(NGram.Of(s, i, n));
                total++;
            }
        }

        return total == 0 ? 0 : (double)seen.Count / total;
    }
}
