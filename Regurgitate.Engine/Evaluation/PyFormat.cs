using System.Globalization;
using System.Numerics;
using System.Text;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// Python's <c>f"{x:.Nf}"</c>: the exact binary value rounded half-to-even. .NET's "F" format rounds ties away from
/// zero, which prints e.g. 12.25 as "12.3" where sacreBLEU prints "12.2".
/// </summary>
internal static class PyFormat
{
    public static string Fixed(double value, int digits)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa;
        int exponent;
        if (exponentBits == 0)
        {
            mantissa = fraction;
            exponent = -1074;
        }
        else
        {
            mantissa = fraction | (1L << 52);
            exponent = exponentBits - 1075;
        }

        var scaled = mantissa * BigInteger.Pow(10, digits);
        BigInteger rounded;
        if (exponent >= 0)
        {
            rounded = scaled << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            var quotient = BigInteger.DivRem(scaled, denominator, out var remainder);
            var twice = remainder * 2;
            var cmp = twice.CompareTo(denominator);
            if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }

            rounded = quotient;
        }

        var text = rounded.ToString(CultureInfo.InvariantCulture);
        if (text.Length <= digits)
        {
            text = new string('0', digits - text.Length + 1) + text;
        }

        var sb = new StringBuilder(text.Length + 2);
        if (negative)
        {
            sb.Append('-');
        }

        sb.Append(text, 0, text.Length - digits);
        if (digits > 0)
        {
            sb.Append('.').Append(text, text.Length - digits, digits);
        }

        return sb.ToString();
    }
}
