namespace Regurgitate.Engine.Data;

/// <summary>An aligned file pair, paths relative to the data directory: German <see cref="Source"/>, English <see cref="Target"/>.</summary>
public sealed record ParallelFiles(string Source, string Target)
{
    /// <summary>
    /// One document id per line, aligned with <see cref="Source"/>: segments sharing an id come from one document, and
    /// a pool with ids is split by whole documents (see <see cref="CorpusLoader"/>). Null when the files carry none.
    /// </summary>
    public string? DocumentIds { get; init; }

    /// <summary>An independent second human translation aligned with <see cref="Source"/> (WMT's reference B), or null.</summary>
    public string? SecondReference { get; init; }

    /// <summary>The line-aligned files that travel with the pair (document ids, second reference), relative to the data directory.</summary>
    public IEnumerable<string> Companions => new[] { DocumentIds, SecondReference }.OfType<string>();
}
