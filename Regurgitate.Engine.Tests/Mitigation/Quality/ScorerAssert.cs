using Regurgitate.Engine.Mitigation.Quality;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

/// <summary>The contract every scorer shares: empty input, progress 0..1 ending at 1, cancellation before and during a call.</summary>
internal static class ScorerAssert
{
    public static async Task<IReadOnlyList<double?>> ScoreWithProgress(IQualityScorer scorer, IReadOnlyList<QualityInput> inputs)
    {
        var reports = new List<double>();
        var scores = await scorer.ScoreAsync(inputs, new SynchronousProgress<double>(reports.Add), CancellationToken.None);
        Assert.Equal(inputs.Count, scores.Count);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.InRange(r, 0.0, 1.0));
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(1.0, reports[^1]);
        return scores;
    }

    public static async Task HandlesEmptyInput(IQualityScorer scorer)
    {
        var reports = new List<double>();
        var scores = await scorer.ScoreAsync([], new SynchronousProgress<double>(reports.Add), CancellationToken.None);
        Assert.Empty(scores);
        Assert.Equal([1.0], reports);
    }

    /// <summary>A token cancelled before the call, and one cancelled at the first progress report, both end the call.</summary>
    public static async Task HonoursCancellation(IQualityScorer scorer, IReadOnlyList<QualityInput> inputs)
    {
        using var before = new CancellationTokenSource();
        await before.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scorer.ScoreAsync(inputs, null, before.Token));

        using var during = new CancellationTokenSource();
        var reports = new List<double>();
        var progress = new SynchronousProgress<double>(r =>
        {
            reports.Add(r);
            during.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scorer.ScoreAsync(inputs, progress, during.Token));
        Assert.DoesNotContain(1.0, reports);
    }
}
