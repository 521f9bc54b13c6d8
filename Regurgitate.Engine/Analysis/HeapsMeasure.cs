namespace Regurgitate.Engine.Analysis;

/// <summary>Heaps' law: vocabulary growth as the text is read, and its log–log exponent.</summary>
internal static class HeapsMeasure
{
    /// <summary>Types seen after each of <paramref name="points"/> evenly spaced token counts (the last one at N).</summary>
    public static List<HeapsPoint> Curve(int[] ids, int types, int points)
    {
        var curve = new List<HeapsPoint>();
        if (ids.Length == 0)
        {
            return curve;
        }

        var seen = new bool[types];
        var distinct = 0;
        var next = 1;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!seen[ids[i]])
            {
                seen[ids[i]] = true;
                distinct++;
            }

            // Point k lies at ceil(k·N/points) tokens; several k may coincide for very short texts.
            while (next <= points && i + 1 >= (long)Math.Ceiling((double)next * ids.Length / points))
            {
                if (curve.Count == 0 || curve[^1].Tokens != i + 1)
                {
                    curve.Add(new HeapsPoint(i + 1, distinct));
                }

                next++;
            }
        }

        return curve;
    }

    /// <summary>β of V ≈ K·N^β fitted on the curve; NaN with fewer than two points.</summary>
    public static double Exponent(IReadOnlyList<HeapsPoint> curve) =>
        curve.Count < 2 ? double.NaN : LeastSquares.Slope(curve.Select(p => Math.Log(p.Tokens)).ToArray(), curve.Select(p => Math.Log(p.Types)).ToArray());
}
