using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Testing;

/// <summary>A <see cref="HeavyWorkScheduler"/> with the production defaults except priority (tests share the machine's cores fairly).</summary>
public static class TestHeavyWork
{
    public static HeavyWorkScheduler Scheduler(int maxConcurrentJobs = 1, int threads = 2) =>
        new(
            Options.Create(new HeavyWorkOptions { MaxConcurrentJobs = maxConcurrentJobs, Threads = threads, LowPriority = false }),
            TimeProvider.System,
            NullLogger<HeavyWorkScheduler>.Instance);
}
