using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Tests.Components.Compare;

/// <summary>Records what the page asks for and answers with a prepared result, error or pending task.</summary>
internal sealed class FakeComparisonService : IRunComparisonService
{
    public List<(int Baseline, IReadOnlyList<int> Others, CancellationToken Token)> Requests { get; } = [];

    public IReadOnlyList<ComparisonCandidate> Candidates { get; set; } = [];

    public Func<int, IReadOnlyList<int>, Task<RunComparison>> Answer { get; set; } =
        (_, _) => Task.FromException<RunComparison>(new InvalidOperationException("no answer prepared"));

    public Task<IReadOnlyList<ComparisonCandidate>> ListCandidatesAsync(CancellationToken cancellationToken) => Task.FromResult(Candidates);

    public Task<RunComparison> CompareAsync(int baselineRunId, IReadOnlyList<int> otherRunIds, ComparisonOptions options, CancellationToken cancellationToken)
    {
        Requests.Add((baselineRunId, otherRunIds, cancellationToken));
        return Answer(baselineRunId, otherRunIds);
    }
}
