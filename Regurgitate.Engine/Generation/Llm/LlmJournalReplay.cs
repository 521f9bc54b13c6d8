namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Reads results back out of an <see cref="LlmJournal"/> without the network: which requests need no new call, and
/// the translation a journal row stands for under the current <see cref="LlmReplyParser"/> policy.
/// </summary>
internal static class LlmJournalReplay
{
    /// <summary>The last row of each request (a request retried across runs has several).</summary>
    public static IEnumerable<LlmJournalEntry> LatestPerRequest(IEnumerable<LlmJournalEntry> journal)
    {
        var latest = new Dictionary<string, LlmJournalEntry>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            latest[entry.Hash] = entry;
        }

        return latest.Values;
    }

    /// <summary>Hashes of requests that are answered or finally failed, so they are not sent again.</summary>
    public static HashSet<string> Settled(IEnumerable<LlmJournalEntry> journal) =>
        LatestPerRequest(journal).Where(e => e.Response is not null || e.Final).Select(e => e.Hash).ToHashSet(StringComparer.Ordinal);

    public static GeneratedTranslation ToTranslation(LlmJournalEntry entry, string generatorId)
    {
        var provenance = new TranslationProvenance(generatorId, entry.Hash, entry.CompletedAt, entry.PromptTokens, entry.CompletionTokens, entry.Cost);
        if (entry.Response is not null)
        {
            var parsed = LlmReplyParser.Parse(entry.Response);
            return new GeneratedTranslation(entry.Source, entry.Sample, parsed.Text, parsed.Failure, provenance);
        }

        return new GeneratedTranslation(entry.Source, entry.Sample, null, entry.Failure ?? "unknown failure", provenance);
    }
}
