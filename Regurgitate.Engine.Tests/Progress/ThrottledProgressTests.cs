using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Tests.Progress;

public sealed class ThrottledProgressTests
{
    [Fact]
    public void Forwards_the_first_report_then_at_most_one_per_interval()
    {
        var clock = new ManualClock();
        var reports = new List<double>();
        var progress = new ThrottledProgress(reports.Add, clock);

        progress.Report(0.1);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        progress.Report(0.2);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        progress.Report(0.3);
        clock.Advance(TimeSpan.FromMilliseconds(199));
        progress.Report(0.4);

        Assert.Equal([0.1, 0.3], reports);
    }

    [Fact]
    public void Always_forwards_completion()
    {
        var clock = new ManualClock();
        var reports = new List<double>();
        var progress = new ThrottledProgress(reports.Add, clock);

        progress.Report(0.5);
        progress.Report(1.0);

        Assert.Equal([0.5, 1.0], reports);
    }

    /// <summary>A timestamp source that moves only when the test says so.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
