namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// The Hangfire queues runs go to, one per priority band. Hangfire.PostgreSql fetches from the queues a worker listens
/// to ordered by queue <em>name</em>, then by job id (not in the order the server lists them), so the names sort
/// high before normal before low; within a band, jobs start in the order they were enqueued, which is the run queue's.
/// </summary>
public static class RunQueues
{
    public const string High = "runs_1_high";
    public const string Normal = "runs_2_normal";
    public const string Low = "runs_3_low";

    public static IReadOnlyList<string> All { get; } = [High, Normal, Low];

    /// <summary>The queue for a run's priority (higher starts first; 0 is normal).</summary>
    public static string For(int priority) => priority > 0 ? High : priority < 0 ? Low : Normal;
}
