namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class BleuDetail
{
    public required List<double> Counts { get; init; }
    public required List<double> Totals { get; init; }
    public required List<double> Precisions { get; init; }
    public double Bp { get; init; }
    public double Ratio { get; init; }
    public int SysLen { get; init; }
    public int RefLen { get; init; }
}
