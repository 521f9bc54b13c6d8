namespace Regurgitate.Engine.Data;

/// <summary>Whether every file of a catalog corpus is on disk; <see cref="MissingFiles"/> are full paths.</summary>
public sealed record CorpusAvailability(CorpusDescriptor Corpus, IReadOnlyList<string> MissingFiles)
{
    public bool IsAvailable => MissingFiles.Count == 0;
}
