namespace Regurgitate.Engine.Analysis;

/// <summary>Measure of textual lexical diversity (McCarthy &amp; Jarvis 2010), one reading direction at a time.</summary>
internal static class MtldMeasure
{
    /// <summary>One MTLD pass; <paramref name="reverse"/> reads the text backwards.</summary>
    public static double OneWay(int[] ids, int types, double threshold, bool reverse)
    {
        if (ids.Length == 0)
        {
            return 0;
        }

        // Types of the current factor are marked with the factor's number, so a reset costs nothing.
        var mark = new int[types];
        var factorNumber = 1;
        double factors = 0;
        int factorTokens = 0, factorTypes = 0;
        var ttr = 1.0;
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[reverse ? ids.Length - 1 - k : k];
            factorTokens++;
            if (mark[id] != factorNumber)
            {
                mark[id] = factorNumber;
                factorTypes++;
            }

            ttr = (double)factorTypes / factorTokens;
            if (ttr <= threshold)
            {
                factors++;
                factorNumber++;
                factorTokens = factorTypes = 0;
                ttr = 1.0;
            }
        }

        factors += (1.0 - ttr) / (1.0 - threshold);

        // A text whose TTR never falls has no factor at all; MTLD is then undefined and the text length is the
        // natural bound (every token would be needed for one factor).
        return factors > 0 ? ids.Length / factors : ids.Length;
    }
}
