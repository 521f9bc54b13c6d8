namespace Regurgitate.Engine.Data;

/// <summary>
/// How German sources are compared everywhere (leakage guard, synthetic-target alignment, duplicate flags):
/// ordinally after trimming, so that trailing whitespace in one file never breaks an alignment.
/// </summary>
public static class SourceKey
{
    public static string Of(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Trim();
    }

    public static StringComparer Comparer => StringComparer.Ordinal;
}
