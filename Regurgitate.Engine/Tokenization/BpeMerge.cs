namespace Regurgitate.Engine.Tokenization;

/// <summary>One merge rule: adjacent tokens <see cref="Left"/> and <see cref="Right"/> become their concatenation.</summary>
public readonly record struct BpeMerge(string Left, string Right)
{
    public string Result => Left + Right;

    public override string ToString() => $"{Left} {Right}";
}
