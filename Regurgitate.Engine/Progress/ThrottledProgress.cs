namespace Regurgitate.Engine.Progress;

/// <summary>
/// Forwards progress at most five times a second (and always the final 1.0), so fine-grained reports don't flood
/// subscribers. Calls back on the reporting thread.
/// </summary>
public sealed class ThrottledProgress : IProgress<double>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly Action<double> _report;
    private readonly TimeProvider _time;
    private long? _last;

    /// <param name="report">Receives the forwarded values.</param>
    /// <param name="time">The clock (tests pass a fake one); the system clock when null.</param>
    public ThrottledProgress(Action<double> report, TimeProvider? time = null)
    {
        _report = report;
        _time = time ?? TimeProvider.System;
    }

    public void Report(double value)
    {
        var now = _time.GetTimestamp();
        if (value >= 1.0 || _last is null || _time.GetElapsedTime(_last.Value, now) >= Interval)
        {
            _last = now;
            _report(value);
        }
    }
}
