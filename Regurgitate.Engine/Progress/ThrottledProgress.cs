namespace Regurgitate.Engine.Progress;

/// <summary>
/// Forwards progress at most five times a second (and always the final 1.0), so fine-grained reports don't flood
/// subscribers. Calls back on the reporting thread.
/// </summary>
public sealed class ThrottledProgress : IProgress<double>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly Action<double> report;
    private readonly TimeProvider time;
    private long? last;

    /// <param name="report">Receives the forwarded values.</param>
    /// <param name="time">The clock (tests pass a fake one); the system clock when null.</param>
    public ThrottledProgress(Action<double> report, TimeProvider? time = null)
    {
        this.report = report;
        this.time = time ?? TimeProvider.System;
    }

    public void Report(double value)
    {
        var now = time.GetTimestamp();
        if (value >= 1.0 || last is null || time.GetElapsedTime(last.Value, now) >= Interval)
        {
            last = now;
            report(value);
        }
    }
}
