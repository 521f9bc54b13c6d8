namespace Regurgitate.Workbench.Scheduling;

/// <summary>How CPU-heavy requests (analyses, comparisons) share the machine with training. Bound from <c>Regurgitate:HeavyWork</c>.</summary>
public sealed class HeavyWorkOptions
{
    public const string SectionName = "Regurgitate:HeavyWork";

    /// <summary>Requests computed at once; the others wait in arrival order.</summary>
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Threads the running requests' parallel loops share (default: one per core).</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Run those threads at the lowest scheduling priority (Linux/macOS nice 19, Windows <c>Lowest</c>), so a training
    /// run or a page gets the cores first and the analyses use what is left.
    /// </summary>
    public bool LowPriority { get; set; } = true;
}
