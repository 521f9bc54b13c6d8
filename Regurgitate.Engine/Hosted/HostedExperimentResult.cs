namespace Regurgitate.Engine.Hosted;

/// <summary>What a hosted fine-tuning experiment did: the estimate it started from, the size-0 point and every grid point.</summary>
public sealed record HostedExperimentResult(HostedCostEstimate Estimate, HostedCurvePoint ZeroShot, IReadOnlyList<HostedCurvePoint> Points)
{
    public IEnumerable<HostedCurvePoint> Failures => Points.Where(p => !p.Succeeded);
}
