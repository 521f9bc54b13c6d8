namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// What to compare: the human references of a catalog corpus's pool (or test split) against synthetic target sets
/// (published system outputs such as <c>wmt22/GPT-4</c> or generated sets such as <c>local/…</c>) for the same sources.
/// <see cref="SampleSize"/> null analyses every pair all sets cover; <see cref="Seed"/> seeds the subsample.
/// </summary>
public sealed record DatasetAnalysisRequest(string CorpusId, IReadOnlyList<string> SetIds, int? SampleSize = null, int Seed = 12345)
{
    /// <summary>The cache key: corpus, set ids in the order given, and the options (ids compare case-insensitively, as the repository does).</summary>
    public string Key =>
        FormattableString.Invariant($"{CorpusId.ToUpperInvariant()}|{string.Join(',', SetIds.Select(s => s.ToUpperInvariant()))}|{SampleSize}|{Seed}");
}
