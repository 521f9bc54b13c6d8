namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// The loop the cheap per-pair scorers share: off the caller's thread, cancellation checked per pair, progress about
/// every percent and exactly 1 at the end (also for an empty list).
/// </summary>
internal static class PairwiseScoring
{
    public static Task<IReadOnlyList<double?>> RunAsync(
        IReadOnlyList<QualityInput> inputs,
        Func<QualityInput, double?> score,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(score);
        return Task.Run<IReadOnlyList<double?>>(() => Run(inputs, score, progress, cancellationToken), cancellationToken);
    }

    public static double?[] Run(IReadOnlyList<QualityInput> inputs, Func<QualityInput, double?> score, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var results = new double?[inputs.Count];
        var every = Math.Max(1, inputs.Count / 100);
        for (var i = 0; i < inputs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = inputs[i] ?? throw new ArgumentException($"Input {i} is null.", nameof(inputs));
            results[i] = score(input);
            if ((i + 1) % every == 0 && i + 1 < inputs.Count)
            {
                progress?.Report((double)(i + 1) / inputs.Count);
            }
        }

        progress?.Report(1.0);
        return results;
    }
}
