namespace Regurgitate.Engine.Analysis;

/// <summary>An n-gram of up to four interned tokens (unused slots −1), hashable without allocating strings.</summary>
internal readonly record struct NGram(int A, int B, int C, int D)
{
    public int Order => D >= 0 ? 4 : C >= 0 ? 3 : B >= 0 ? 2 : 1;

    public static NGram Of(int[] ids, int start, int n) => new(
        ids[start],
        n > 1 ? ids[start + 1] : -1,
        n > 2 ? ids[start + 2] : -1,
        n > 3 ? ids[start + 3] : -1);
}
