using Regurgitate.Engine.Mitigation.Quality;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

/// <summary>A scorer that returns given scores (by input position), for testing combinations.</summary>
internal sealed class FixedScorer(string name, IReadOnlyList<double?> scores, bool isOracle = false) : IQualityScorer
{
    public string Name => name;

    public bool IsOracle => isOracle;

    public int Calls { get; private set; }

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        progress?.Report(0.5);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(1.0);
        return Task.FromResult<IReadOnlyList<double?>>([.. scores.Take(inputs.Count)]);
    }
}
