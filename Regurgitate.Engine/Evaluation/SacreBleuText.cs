namespace Regurgitate.Engine.Evaluation;

/// <summary>Python text behaviour that sacreBLEU's command line relies on, for front ends that mimic it.</summary>
public static class SacreBleuText
{
    /// <summary>Python's <c>str.rstrip()</c> (Unicode whitespace), which sacreBLEU applies to every input line.</summary>
    public static string RStrip(string text) => PyText.RStrip(text);

    /// <summary>Python's <c>f"{value:.{digits}f}"</c> (round half to even on the binary value, as Python does).</summary>
    public static string Fixed(double value, int digits) => PyFormat.Fixed(value, digits);
}
