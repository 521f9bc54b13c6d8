using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

internal static class VectorAssert
{
    /// <summary>The vectors store Python floats; 1e-9 absorbs nothing but last-bit noise (a perfect BLEU is 100.00000000000004).</summary>
    public const double Tolerance = 1e-9;

    public static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: expected {expected:R}, got {actual:R}");

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Close(expected[i], actual[i], $"{what}[{i}]");
        }
    }

    /// <summary>Signatures must agree up to the version field, which names this engine instead of sacreBLEU.</summary>
    public static void SignatureMatches(string expected, string actual)
    {
        const string marker = "version:";
        var cut = expected.LastIndexOf(marker, StringComparison.Ordinal);
        Assert.True(cut >= 0, $"no version in expected signature {expected}");
        Assert.Equal(expected[..cut] + marker + MetricVersion.Value, actual);
    }
}
