namespace Regurgitate.Engine.Analysis;

/// <summary>Moving-average type–token ratio (Covington &amp; McFall 2010) over interned tokens.</summary>
internal static class MattrMeasure
{
    public static double Of(int[] ids, int types, int window)
    {
        if (ids.Length == 0)
        {
            return 0;
        }

        if (ids.Length <= window)
        {
            return (double)TokenIds.CountTypes(ids, types) / ids.Length;
        }

        // Sliding window with per-type counts: each step adds one token and removes one, O(N) overall.
        var counts = new int[types];
        var distinct = 0;
        for (var i = 0; i < window; i++)
        {
            if (counts[ids[i]]++ == 0)
            {
                distinct++;
            }
        }

        double sum = distinct;
        for (var i = window; i < ids.Length; i++)
        {
            if (counts[ids[i]]++ == 0)
            {
                distinct++;
            }

            if (--counts[ids[i - window]] == 0)
            {
                distinct--;
            }

            sum += distinct;
        }

        return sum / (ids.Length - window + 1) / window;
    }
}
