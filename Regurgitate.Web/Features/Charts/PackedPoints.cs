using System.Buffers.Binary;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// The numbers of a chart's lines as one binary block instead of JSON text: every line's x values as little-endian
/// float64, then every line's y values as float32, non-finite values as NaN (Plotly draws NaN as a gap, as it does
/// null). Blazor sends a byte[] over the circuit as binary and the page hands Plotly typed-array views of it
/// (js/comparison-plot.js), so neither side formats or parses tens of thousands of numbers as text. Float32 keeps about
/// 7 significant digits, finer than a pixel of any axis (the JSON path sent 6); x stays float64 so that hover labels of
/// large axes (tokens seen) are exact. The data exports and figures keep their own full-precision numbers.
/// </summary>
public sealed record PackedPoints(byte[] Bytes, IReadOnlyList<PackedLine> Lines)
{
    /// <summary>Packs the lines in order; all x blocks come first so every float64 view starts on an 8-byte boundary.</summary>
    public static PackedPoints Pack(IReadOnlyList<(IReadOnlyList<double> X, IReadOnlyList<double> Y)> lines)
    {
        foreach (var (x, y) in lines)
        {
            if (x.Count != y.Count)
            {
                throw new ArgumentException($"A line has {x.Count} x values but {y.Count} y values.", nameof(lines));
            }
        }

        var points = lines.Sum(l => l.X.Count);
        var bytes = new byte[(points * sizeof(double)) + (points * sizeof(float))];
        var placed = new PackedLine[lines.Count];
        var xOffset = 0;
        var yOffset = points * sizeof(double);
        for (var i = 0; i < lines.Count; i++)
        {
            var (x, y) = lines[i];
            placed[i] = new PackedLine(xOffset, yOffset, x.Count);
            for (var p = 0; p < x.Count; p++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(xOffset, sizeof(double)), Drawable(x[p]));
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(yOffset, sizeof(float)), (float)Drawable(y[p]));
                xOffset += sizeof(double);
                yOffset += sizeof(float);
            }
        }

        return new PackedPoints(bytes, placed);
    }

    // Infinities would stretch the axis to nothing; they are drawn as gaps like the JSON path's null.
    private static double Drawable(double value) => double.IsFinite(value) ? value : double.NaN;
}
