using System.Text;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// One reusable <see cref="StringBuilder"/> per thread for the tokenizers' text rewrites (as the BCL's internal cache
/// does): analyses tokenize hundreds of thousands of segments, and a fresh builder per rewrite made much of their
/// allocation, whose collections pause a training run in the same process.
/// </summary>
internal static class StringBuilderCache
{
    // Segments are sentences; a builder grown by a rare huge one is not kept.
    private const int MaxRetainedCapacity = 4096;

    [ThreadStatic]
    private static StringBuilder? cached;

    public static StringBuilder Acquire(int capacity)
    {
        var sb = cached;
        if (sb is not null && capacity <= sb.Capacity)
        {
            cached = null;
            sb.Clear();
            return sb;
        }

        return new StringBuilder(capacity);
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        var text = sb.ToString();
        if (sb.Capacity <= MaxRetainedCapacity)
        {
            cached = sb;
        }

        return text;
    }
}
