namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Sets and counts that <see cref="ErrorSignals"/> reuses from pair to pair on one thread: analyses compute signals
/// for hundreds of thousands of pairs, and fresh hash tables per pair were most of their allocations, whose
/// collections pause a training run in the same process. Each accessor hands out its table emptied.
/// </summary>
internal sealed class ErrorSignalScratch
{
    [ThreadStatic]
    private static ErrorSignalScratch? perThread;

    private readonly HashSet<string> capitalisedInTarget = new(StringComparer.Ordinal);
    private readonly HashSet<string> copyable = new(StringComparer.Ordinal);
    private readonly HashSet<string> copyableWithNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> sourceWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> targetWords = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), int> trigrams = [];

    public static ErrorSignalScratch ForThread() => perThread ??= new ErrorSignalScratch();

    public HashSet<string> CapitalisedInTarget() => Emptied(capitalisedInTarget);

    public HashSet<string> Copyable() => Emptied(copyable);

    public HashSet<string> CopyableWithNames() => Emptied(copyableWithNames);

    public HashSet<string> SourceWords() => Emptied(sourceWords);

    public HashSet<string> TargetWords() => Emptied(targetWords);

    public Dictionary<(string, string, string), int> Trigrams()
    {
        trigrams.Clear();
        return trigrams;
    }

    private static HashSet<string> Emptied(HashSet<string> set)
    {
        set.Clear();
        return set;
    }
}
