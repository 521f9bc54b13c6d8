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

    /// <summary>Where the data directory's copy comes from (repository and commit), shown on the Datasets page.</summary>
    public required string Origin { get; init; }

    /// <summary>About how many subword tokens an English target of this corpus has: what the designer's time estimate
    /// counts a training pair as (calibrated with it, README).</summary>
    public required double TargetTokensPerPair { get; init; }

    public bool HasPredefinedSplits => Pool.Count == 0;

    public IReadOnlyList<ParallelFiles> Train { get; init; } = [];
    public IReadOnlyList<ParallelFiles> Dev { get; init; } = [];
    public IReadOnlyList<ParallelFiles> Test { get; init; } = [];
    public IReadOnlyList<ParallelFiles> Pool { get; init; } = [];

    /// <summary>Empty-line policy for this corpus: fail unless the corpus has documented empty lines to skip.</summary>
    public LinePolicy EmptyLines { get; init; } = LinePolicy.Fail;

    /// <summary>
    /// Also keep English targets of dev and test out of training (and test targets out of dev), as German sources always
    /// are: for corpora whose short sentences repeat on the English side under different German wordings (Tatoeba).
    /// </summary>
    public bool DeduplicateTargets { get; init; }

    /// <summary>A pool whose files all carry document ids: it is split by whole documents.</summary>
    public bool SplitsByDocument => Pool.Count > 0 && Pool.All(files => files.DocumentIds is not null);

    /// <summary>Every test segment has a second human reference (the test files, or the pool the test set is cut from).</summary>
    public bool HasSecondReference
    {
        get
        {
            var testFiles = HasPredefinedSplits ? Test : Pool;
            return testFiles.Count > 0 && testFiles.All(files => files.SecondReference is not null);
        }
    }

    /// <summary>Every source/target file of the corpus, relative to the data directory (what the dataset catalogue hashes as pairs).</summary>
    public IEnumerable<string> Files =>
        AllParallelFiles.SelectMany(pair => new[] { pair.Source, pair.Target });

    /// <summary><see cref="Files"/> plus document ids and second references: everything a split reads.</summary>
    public IEnumerable<string> FilesWithCompanions =>
        Files.Concat(AllParallelFiles.SelectMany(pair => pair.Companions));

    private IEnumerable<ParallelFiles> AllParallelFiles => Train.Concat(Dev).Concat(Test).Concat(Pool);
}
