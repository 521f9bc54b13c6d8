namespace Regurgitate.Engine.Training;

/// <summary>
/// Remaining time of a run from the recent step times (a sliding window, so warm-up and machine load changes are
/// forgotten) plus the evaluations still to come at the last evaluation's duration.
/// </summary>
public sealed class EtaEstimator
{
    private const int Window = 50;
    private readonly Queue<double> _recentSteps = new();
    private readonly int _maxSteps;
    private readonly int _evaluateEvery;
    private double _windowSum;
    private TimeSpan? _lastEvaluation;

    public EtaEstimator(int maxSteps, int evaluateEvery)
    {
        _maxSteps = maxSteps;
        _evaluateEvery = evaluateEvery;
    }

    public void RecordStep(TimeSpan duration)
    {
        _recentSteps.Enqueue(duration.TotalSeconds);
        _windowSum += duration.TotalSeconds;
        if (_recentSteps.Count > Window)
        {
            _windowSum -= _recentSteps.Dequeue();
        }
    }

    public void RecordEvaluation(TimeSpan duration) => _lastEvaluation = duration;

    /// <summary>Null until there is a step to go by.</summary>
    public TimeSpan? Remaining(int completedSteps)
    {
        if (_recentSteps.Count == 0)
        {
            return null;
        }

        var stepsLeft = Math.Max(0, _maxSteps - completedSteps);
        var seconds = stepsLeft * (_windowSum / _recentSteps.Count);
        if (_lastEvaluation is { } evaluation)
        {
            // Evaluations at every multiple of the interval, plus the final one and the test set (about as long).
            var evaluationsLeft = (_maxSteps / _evaluateEvery) - (completedSteps / _evaluateEvery) + 1;
            seconds += evaluationsLeft * evaluation.TotalSeconds;
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
