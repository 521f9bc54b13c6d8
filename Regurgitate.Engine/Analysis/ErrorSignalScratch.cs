namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Sets and counts that <see cref="ErrorSignals"/> reuses from pair to pair on one thread: analyses compute signals
/// for hundreds of thousands of pairs, and fresh hash tables per pair were most of their allocations, whose
/// collections pause a training run in the same process.
/// </summary>
internal sealed class ErrorSignalScratch
{
    [ThreadStatic]
    private static ErrorSignalScratch? perThread;

    private readonly HashSet<string>[] sets = [.. Enumerable.Range(0, 5).Select(_ => new HashSet<string>(StringComparer.Ordinal))];
    private readonly Dictionary<(string, string, string), int> trigrams = [];

    public static ErrorSignalScratch ForThread() => perThread ??= new ErrorSignalScratch();

    public HashSet<string> Set(int index)
    {
        sets[index].Clear();
        return sets[index];
    }

    public Dictionary<(string, string, string), int> Trigrams()
    {
        trigrams.Clear();
        return trigrams;
    }
}
