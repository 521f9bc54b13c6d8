using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class PythonCompatibilityTests
{
    [Theory]
    [InlineData(12.25, 1, "12.2")]
    [InlineData(12.35, 1, "12.3")]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(2.675, 2, "2.67")]
    [InlineData(100.00000000000004, 2, "100.00")]
    [InlineData(0.0356739933472524, 3, "0.036")]
    [InlineData(0.0, 1, "0.0")]
    [InlineData(1.0, 3, "1.000")]
    public void Fixed_formatting_rounds_the_exact_binary_value_half_to_even(double value, int digits, string expected) =>
        Assert.Equal(expected, PyFormat.Fixed(value, digits));

    [Theory]
    [InlineData("GROẞE Straße", "große straße")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("ΟΔΟΣ ΣΑ Σ", "οδος σα σ")]
    [InlineData("ΑΣ.", "ας.")]
    public void Lower_matches_python_str_lower(string input, string expected) =>
        Assert.Equal(expected, PyText.Lower(input));

    [Fact]
    public void Split_uses_python_whitespace()
    {
        Assert.Equal(["a", "b", "c", "d"], PyText.Split("a\u001Cb\u00A0c\u3000d"));
        Assert.Equal(["a\u200Bb"], PyText.Split(" a\u200Bb "));
    }
}
