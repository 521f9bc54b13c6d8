using Regurgitate.Web.Features.Charts;

namespace Regurgitate.Web.Tests.Components;

/// <summary>The binary block a comparison chart's numbers travel in: the page reads it with typed arrays at these offsets.</summary>
public sealed class PackedPointsTests
{
    [Fact]
    public void Every_x_is_a_float64_and_every_y_a_float32_at_its_line_offsets()
    {
        var packed = PackedPoints.Pack([([1, 2, 3], [0.5, 0.25, 0.125]), ([10, 20], [1e-7, 123456.7])]);

        Assert.Equal([new PackedLine(0, 40, 3), new PackedLine(24, 52, 2)], packed.Lines);
        Assert.Equal(60, packed.Bytes.Length);
        Assert.Equal([1.0, 2, 3, 10, 20], Enumerable.Range(0, 5).Select(i => BitConverter.ToDouble(packed.Bytes, 8 * i)));
        Assert.Equal([0.5f, 0.25f, 0.125f, 1e-7f, 123456.7f], Enumerable.Range(0, 5).Select(i => BitConverter.ToSingle(packed.Bytes, 40 + (4 * i))));
    }

    [Fact]
    public void X_blocks_start_on_eight_byte_boundaries_even_after_odd_line_lengths()
    {
        var packed = PackedPoints.Pack([([1], [1]), ([1, 2, 3], [1, 2, 3]), ([1], [1])]);

        Assert.All(packed.Lines, line => Assert.Equal(0, line.XOffset % 8));
        Assert.All(packed.Lines, line => Assert.Equal(0, line.YOffset % 4));
    }

    [Fact]
    public void Values_that_cannot_be_drawn_become_gaps()
    {
        var packed = PackedPoints.Pack([([1, double.PositiveInfinity, 3], [double.NaN, double.NegativeInfinity, 2])]);

        Assert.True(double.IsNaN(BitConverter.ToDouble(packed.Bytes, 8)));
        Assert.True(float.IsNaN(BitConverter.ToSingle(packed.Bytes, 24)));
        Assert.True(float.IsNaN(BitConverter.ToSingle(packed.Bytes, 28)));
        Assert.Equal(2f, BitConverter.ToSingle(packed.Bytes, 32));
    }

    [Fact]
    public void A_line_with_more_x_than_y_values_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PackedPoints.Pack([([1, 2], [1])]));
        Assert.Contains("2 x values but 1 y values", error.Message, StringComparison.Ordinal);
    }
}
