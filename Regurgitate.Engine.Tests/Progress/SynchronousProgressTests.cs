using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Tests.Progress;

public sealed class SynchronousProgressTests
{
    [Fact]
    public void Reports_on_the_calling_thread_before_Report_returns()
    {
        var caller = Environment.CurrentManagedThreadId;
        var seen = new List<(double Value, int Thread)>();
        var progress = new SynchronousProgress<double>(v => seen.Add((v, Environment.CurrentManagedThreadId)));

        progress.Report(0.25);
        progress.Report(0.5);

        Assert.Equal([(0.25, caller), (0.5, caller)], seen);
    }

    [Fact]
    public void Serialises_reports_from_parallel_workers()
    {
        var inside = 0;
        var overlaps = 0;
        var count = 0;
        var progress = new SynchronousProgress<int>(_ =>
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                overlaps++;
            }

            count++; // deliberately not thread-safe: the lock must make it so
            Thread.SpinWait(50);
            Interlocked.Decrement(ref inside);
        });

        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, progress.Report);

        Assert.Equal(0, overlaps);
        Assert.Equal(2_000, count);
    }
}
