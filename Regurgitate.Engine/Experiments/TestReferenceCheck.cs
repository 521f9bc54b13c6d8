using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Experiments;

/// <summary>Whether a corpus can score with <see cref="TestReferences.All"/>, shared by the run and spec validators.</summary>
public static class TestReferenceCheck
{
    /// <summary>Why the corpus's test set cannot be scored against all references, or null when it can (or the corpus is unknown, reported elsewhere).</summary>
    public static string? Problem(string corpusId)
    {
        var corpus = CorpusCatalog.Find(corpusId);
        if (corpus is null || corpus.HasSecondReference)
        {
            return null;
        }

        var withSecond = string.Join(", ", CorpusCatalog.Corpora.Where(c => c.HasSecondReference).Select(c => c.Id));
        return $"The test set of corpus '{corpus.Id}' has one human reference, so \"all\" would score exactly as \"one\"; use one, or a corpus with a second reference ({withSecond}).";
    }
}
