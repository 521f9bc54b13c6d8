namespace Regurgitate.Workbench.Mitigation;

public interface IStrategyComparisonService
{
    /// <summary>
    /// Null when the experiment does not exist, has no spec, or has no completed real and synthetic runs yet.
    /// <paramref name="baselineCondition"/> null: the first plain random synthetic condition.
    /// </summary>
    Task<StrategyComparison?> CompareAsync(int experimentId, string? baselineCondition, CancellationToken cancellationToken);
}
