namespace Regurgitate.Engine.Analysis;

/// <summary>
/// 1-based ranks of values in ascending order, tied values sharing the mean of the ranks they span ("fractional" or
/// mid-ranks): the ranking behind Spearman's ρ and the Mann–Whitney statistic.
/// </summary>
public static class AverageRanks
{
    /// <summary>Rank of each value, aligned with <paramref name="values"/>: [10, 20, 20, 30] gives [1, 2.5, 2.5, 4].</summary>
    public static double[] Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
