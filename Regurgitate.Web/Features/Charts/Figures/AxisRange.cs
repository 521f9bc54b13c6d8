

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>A fixed axis range in data units; on a log axis both ends must be positive.</summary>
public readonly record struct AxisRange(double Min, double Max)
{
    public bool IsValid(bool log) => double.IsFinite(Min) && double.IsFinite(Max) && Max > Min && (!log || Min > 0);
}
