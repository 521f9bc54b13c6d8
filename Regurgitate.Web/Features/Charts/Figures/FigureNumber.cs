using System.Globalization;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Coordinates as short invariant text: two decimals (1/7200 in is far below print resolution), never "-0".</summary>
internal static class FigureNumber
{
    public static string Format(double value, int decimals = 2)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }

        return rounded.ToString(decimals == 2 ? "0.##" : "0.###", CultureInfo.InvariantCulture);
    }
}
