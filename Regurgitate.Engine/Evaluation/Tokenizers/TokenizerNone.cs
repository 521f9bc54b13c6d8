namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>sacreBLEU's <c>none</c>: the segment is used as is and only split on whitespace.</summary>
public sealed class TokenizerNone : IBleuTokenizer
{
    public string Signature => "none";

    public string Tokenize(string line) => line;
}
