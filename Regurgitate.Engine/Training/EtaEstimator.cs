namespace Regurgitate.Engine.Training;

/// <summary>
/// Remaining time of a run from the recent step times (a sliding window, so warm-up and machine load changes are
/// forgotten) plus the evaluations still to come at the last evaluation's duration.
/// </summary>
public sealed class EtaEstimator
{
    private const int Window = 50;
    private readonly Queue<double> recentSteps = new();
    private readonly int maxSteps;
    private readonly int evaluateEvery;
    private double windowSum;
    private TimeSpan? lastEvaluation;

    public EtaEstimator(int maxSteps, int evaluateEvery)
    {
        this.maxSteps = maxSteps;
        this.evaluateEvery = evaluateEvery;
    }

    public void RecordStep(TimeSpan duration)
    {
        recentSteps.Enqueue(duration.TotalSeconds);
        windowSum += duration.TotalSeconds;
        if (recentSteps.Count > Window)
        {
            windowSum -= recentSteps.Dequeue();
        }
    }

    public void RecordEvaluation(TimeSpan duration) => lastEvaluation = duration;

    /// <summary>Null until there is a step to go by.</summary>
    public TimeSpan? Remaining(int completedSteps)
    {
        if (recentSteps.Count == 0)
        {
            return null;
        }

        var stepsLeft = Math.Max(0, maxSteps - completedSteps);
        var seconds = stepsLeft * (windowSum / recentSteps.Count);
        if (lastEvaluation is { } evaluation)
        {
            // Evaluations at every multiple of the interval, plus the final one and the test set (about as long).
            var evaluationsLeft = (maxSteps / evaluateEvery) - (completedSteps / evaluateEvery) + 1;
            seconds += evaluationsLeft * evaluation.TotalSeconds;
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
