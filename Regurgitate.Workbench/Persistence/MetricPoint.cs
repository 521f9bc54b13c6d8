namespace Regurgitate.Workbench.Persistence;

/// <summary>One value of one curve of a run, e.g. <c>train/loss</c> at step 120.</summary>
public sealed class MetricPoint
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public Run? Run { get; set; }
    public int Step { get; set; }
    public required string Name { get; set; }
    public double Value { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}
