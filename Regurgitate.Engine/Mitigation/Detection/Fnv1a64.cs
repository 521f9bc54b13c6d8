namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// FNV-1a, 64-bit, over UTF-16 code units. A saved detector maps n-grams to weights by this hash, so it must be the
/// same in every process and on every runtime; <see cref="string.GetHashCode()"/> is randomised per process.
/// </summary>
internal struct Fnv1a64
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private ulong hash;

    public Fnv1a64(char kind)
    {
        hash = Offset;
        Append(kind);
    }

    public readonly ulong Value => hash;

    public void Append(char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        hash = (hash ^ (byte)(c >> 8)) * Prime;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            Append(c);
        }
    }
}
