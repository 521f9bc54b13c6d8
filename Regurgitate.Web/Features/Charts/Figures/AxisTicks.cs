using System.Globalization;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// Tick positions and labels. Linear axes step by 1, 2, 2.5 or 5 × 10^k with at most the wanted number of intervals,
/// and a fitted range ends on ticks. Log axes tick at decades; when the range spans fewer than two decades the 2× and
/// 5× values are labelled too, and the other integer multiples get unlabelled minor ticks (or labels, when that still
/// leaves fewer than three).
/// </summary>
public static class AxisTicks
{
    private static readonly double[] Steps = [1, 2, 2.5, 5, 10];

    /// <summary>The step of a linear axis: the smallest nice step that gives at most <paramref name="maxIntervals"/> intervals.</summary>
    public static double LinearStep(double min, double max, int maxIntervals)
    {
        var span = max - min;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }

        var raw = span / Math.Max(1, maxIntervals);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var step in Steps)
        {
            if (step * magnitude >= raw * (1 - 1e-9))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>A range that holds the data and ends on ticks; a flat series gets a unit-wide range around its value.</summary>
    public static AxisRange FitLinear(double min, double max, int maxIntervals)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return new AxisRange(0, 1);
        }

        if (max - min < Math.Abs(max) * 1e-12 || max == min)
        {
            var half = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - half, max + half);
        }

        var step = LinearStep(min, max, maxIntervals);
        var low = Math.Floor((min / step) + 1e-9) * step;
        var high = Math.Ceiling((max / step) - 1e-9) * step;

        // Rounding out to ticks can add an interval; try the next step once more if it overshoots.
        if ((high - low) / step > maxIntervals + 1e-9)
        {
            step = LinearStep(low, high, maxIntervals);
            low = Math.Floor((min / step) + 1e-9) * step;
            high = Math.Ceiling((max / step) - 1e-9) * step;
        }

        return new AxisRange(low, high);
    }

    public static IReadOnlyList<double> Linear(AxisRange range, int maxIntervals)
    {
        var step = LinearStep(range.Min, range.Max, maxIntervals);
        var ticks = new List<double>();
        var first = Math.Ceiling((range.Min / step) - 1e-9);
        for (var k = first; k * step <= range.Max + (step * 1e-9); k++)
        {
            // k × step, not a running sum, so 0.1-steps do not drift to 0.30000000000000004.
            ticks.Add(Clean(k * step));
        }

        return ticks;
    }

    /// <summary>A log range: the data padded by 4% of its decades on each side (ticks need not sit at the ends).</summary>
    public static AxisRange FitLog(double min, double max)
    {
        if (!(min > 0) || !double.IsFinite(max) || !(max > 0))
        {
            return new AxisRange(1, 10);
        }

        var (a, b) = (Math.Log10(min), Math.Log10(max));
        if (b - a < 1e-9)
        {
            (a, b) = (a - 0.5, b + 0.5);
        }

        var pad = (b - a) * 0.04;
        return new AxisRange(Math.Pow(10, a - pad), Math.Pow(10, b + pad));
    }

    /// <summary>Labelled (major) and unlabelled (minor) ticks of a log axis.</summary>
    public static (IReadOnlyList<double> Major, IReadOnlyList<double> Minor) Log(AxisRange range)
    {
        var major = new List<double>();
        var minor = new List<double>();
        var decades = Math.Log10(range.Max) - Math.Log10(range.Min);
        var dense = decades < 2;
        var from = (int)Math.Floor(Math.Log10(range.Min));
        var to = (int)Math.Ceiling(Math.Log10(range.Max));
        for (var e = from; e <= to; e++)
        {
            var decade = Math.Pow(10, e);
            for (var m = 1; m <= 9; m++)
            {
                var value = Clean(m * decade);
                if (value < range.Min * (1 - 1e-9) || value > range.Max * (1 + 1e-9))
                {
                    continue;
                }

                if (m == 1 || (dense && m is 2 or 5))
                {
                    major.Add(value);
                }
                else
                {
                    minor.Add(value);
                }
            }
        }

        // Under a decade with fewer than three labels, every integer multiple is labelled (6, 7, 8, 9, 10, 20).
        if (major.Count < 3)
        {
            return ([.. major.Concat(minor).Order()], []);
        }

        return (major, minor);
    }

    /// <summary>
    /// Tick labels with as many decimals as the step needs and no more (0, 0.5, 1; 0, 2,500, 5,000); log labels as
    /// plain numbers from 0.001 to 1,000,000, else as 1e-4, 1e7.
    /// </summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<double> ticks, bool log)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (log)
        {
            return [.. ticks.Select(LogLabel)];
        }

        var decimals = 0;
        while (decimals < 10 && ticks.Any(t => Math.Abs(t - Math.Round(t, decimals)) > Math.Abs(t) * 1e-9 + 1e-12))
        {
            decimals++;
        }

        var format = "#,0" + (decimals > 0 ? "." + new string('0', decimals) : string.Empty);
        var large = ticks.Count > 0 && ticks.Max(Math.Abs) >= 1e7;
        return [.. ticks.Select(t => large ? t.ToString("0.###e0", CultureInfo.InvariantCulture) : FixMinus(t.ToString(format, CultureInfo.InvariantCulture)))];
    }

    private static string LogLabel(double value) => value is >= 1e-3 and <= 1e6
        ? value.ToString(value >= 1 ? "#,0" : "0.###", CultureInfo.InvariantCulture)
        : value.ToString("0e0", CultureInfo.InvariantCulture);

    // A typographic minus (U+2212 is not in WinAnsi, the en dash is the usual stand-in) and never "-0".
    private static string FixMinus(string label) => label.StartsWith('-') ? (label.TrimStart('-').Trim('0', '.', ',').Length == 0 ? label[1..] : "–" + label[1..]) : label;

    private static double Clean(double value) => Math.Abs(value) < 1e-300 ? 0 : double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
