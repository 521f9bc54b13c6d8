namespace Regurgitate.Engine.Evaluation.Significance;

/// <summary>
/// How paired-test numbers are written wherever they are shown (the command line's table, the dashboard's comparison
/// and its LaTeX/Markdown copies): sacreBLEU's conventions of a fixed number of decimals, "mean ± half-width" for the
/// 95% bootstrap interval, p-values with four decimals and an asterisk below 0.05.
/// </summary>
public static class PairedResultText
{
    /// <summary>sacreBLEU's threshold for the asterisk.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>The mark of a significant difference.</summary>
    public const string SignificanceMarker = "*";

    /// <summary>sacreBLEU prints p-values with four decimals.</summary>
    public const int PValueDigits = 4;

    public static bool IsSignificant(double? pValue) => pValue is < SignificanceLevel;

    /// <summary><c>35.4 ± 1.2</c>: the bootstrap mean and the half-width of its 95% interval.</summary>
    public static string Confidence(double mean, double halfWidth, int digits) =>
        $"{SacreBleuText.Fixed(mean, digits)} ± {SacreBleuText.Fixed(halfWidth, digits)}";

    /// <summary><c>0.0010</c>.</summary>
    public static string PValue(double pValue) => SacreBleuText.Fixed(pValue, PValueDigits);

    /// <summary><see cref="SignificanceMarker"/> below the threshold, else empty.</summary>
    public static string Marker(double? pValue) => IsSignificant(pValue) ? SignificanceMarker : string.Empty;

    /// <summary>sacreBLEU's description of the test, e.g. "Paired bootstrap resampling test with 1000 resampling trials".</summary>
    public static string Title(PairedTestKind kind, int samples) => kind == PairedTestKind.Bootstrap
        ? $"Paired bootstrap resampling test with {samples} resampling trials"
        : $"Paired approximate randomization test with {samples} trials";
}
