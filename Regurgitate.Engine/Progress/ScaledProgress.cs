namespace Regurgitate.Engine.Progress;

/// <summary>
/// Maps a sub-task's 0–1 progress onto [start, start + width] of its parent, synchronously. Values outside 0–1 are
/// clamped so that a sub-task can never report into the range of the stage after it.
/// </summary>
public sealed class ScaledProgress(IProgress<double> parent, double start, double width) : IProgress<double>
{
    public void Report(double value) => parent.Report(start + (width * Math.Clamp(value, 0, 1)));

    /// <summary>A scaled view of <paramref name="parent"/>, or null when nobody listens.</summary>
    public static IProgress<double>? Of(IProgress<double>? parent, double start, double width) =>
        parent is null ? null : new ScaledProgress(parent, start, width);

    /// <summary>A scaled view onto [from, to] of <paramref name="parent"/>, or null when nobody listens.</summary>
    public static IProgress<double>? Between(IProgress<double>? parent, double from, double to) =>
        Of(parent, from, to - from);
}
