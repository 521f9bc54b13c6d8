namespace Regurgitate.Engine.Training;

/// <summary>
/// Linear warm-up to the peak rate, then decay proportional to 1/sqrt(step) ("inverse square root", as in
/// Vaswani et al. and fairseq): lr(s) = peak · min(s / w, sqrt(w / s)) for step s ≥ 1 and warm-up w.
/// </summary>
public static class LearningRateSchedule
{
    public static double InverseSquareRoot(int step, double peak, int warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        if (warmupSteps <= 0)
        {
            return peak / Math.Sqrt(step);
        }

        return peak * Math.Min((double)step / warmupSteps, Math.Sqrt((double)warmupSteps / step));
    }
}
