using System.Diagnostics;

namespace Regurgitate.Engine.Experiments;

/// <summary>Forwards progress at most five times a second (and always the final 1.0), so fine-grained reports don't flood subscribers.</summary>
internal sealed class ThrottledProgress : IProgress<double>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly Action<double> _report;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    public ThrottledProgress(Action<double> report)
    {
        _report = report;
    }

    public void Report(double value)
    {
        var now = _clock.Elapsed;
        if (value >= 1.0 || _last is null || now - _last.Value >= Interval)
        {
            _last = now;
            _report(value);
        }
    }
}
