namespace Regurgitate.Engine.Data;

/// <summary>
/// A known corpus: what it is and which files make it up. Either it has official train/dev/test files
/// (<see cref="HasPredefinedSplits"/>) or it is one <see cref="Pool"/> that is split by seeded sampling.
/// </summary>
public sealed record CorpusDescriptor
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Domain { get; init; }

    /// <summary>Licence or terms of use as far as they are known; the corpora come without a uniform licence.</summary>
    public required string Licence { get; init; }

    public bool HasPredefinedSplits => Pool.Count == 0;

    public IReadOnlyList<ParallelFiles> Train { get; init; } = [];
    public IReadOnlyList<ParallelFiles> Dev { get; init; } = [];
    public IReadOnlyList<ParallelFiles> Test { get; init; } = [];
    public IReadOnlyList<ParallelFiles> Pool { get; init; } = [];

    /// <summary>Empty-line policy for this corpus: fail unless the corpus has documented empty lines to skip.</summary>
    public LinePolicy EmptyLines { get; init; } = LinePolicy.Fail;

    /// <summary>Every file of the corpus, relative to the data directory.</summary>
    public IEnumerable<string> Files =>
        Train.Concat(Dev).Concat(Test).Concat(Pool).SelectMany(pair => new[] { pair.Source, pair.Target });
}
