namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// The frames the scorers share: the loop of the cheap per-pair scorers (off the caller's thread, cancellation checked
/// per pair, progress about every percent), and the batch frame of the model-based ones. Both report exactly 1 at the
/// end, also for an empty list.
/// </summary>
internal static class PairwiseScoring
{
    /// <summary>
    /// For scorers that run a model over all pairs at once: a cancelled token gives a cancelled task, an empty list an
    /// empty result; otherwise <paramref name="score"/> fills the results of the pairs that have a source (the others
    /// stay null), off the caller's thread.
    /// </summary>
    public static Task<IReadOnlyList<double?>> RunBatchAsync(
        IReadOnlyList<QualityInput> inputs,
        IProgress<double>? progress,
        CancellationToken cancellationToken,
        Action<IReadOnlyList<int>, double?[]> score)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<double?>>(cancellationToken);
        }

        if (inputs.Count == 0)
        {
            progress?.Report(1.0);
            return Task.FromResult<IReadOnlyList<double?>>([]);
        }

        return Task.Run<IReadOnlyList<double?>>(() =>
        {
            var results = new double?[inputs.Count];
            var scorable = Enumerable.Range(0, inputs.Count).Where(i => !string.IsNullOrWhiteSpace(inputs[i].Source)).ToList();
            score(scorable, results);
            progress?.Report(1.0);
            return results;
        }, cancellationToken);
    }

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
