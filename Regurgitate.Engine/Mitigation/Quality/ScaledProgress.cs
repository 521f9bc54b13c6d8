namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>Maps a stage's 0–1 progress onto [start, start + width] of the whole.</summary>
internal sealed class ScaledProgress(IProgress<double> inner, double start, double width) : IProgress<double>
{
    public void Report(double value) => inner.Report(start + (width * Math.Clamp(value, 0, 1)));

    public static IProgress<double>? Of(IProgress<double>? inner, double start, double width) =>
        inner is null ? null : new ScaledProgress(inner, start, width);
}
