namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>Creates tokenizers by their sacreBLEU names.</summary>
public static class BleuTokenizers
{
    public const string Mteval13a = "13a";
    public const string International = "intl";
    public const string Character = "char";
    public const string None = "none";

    public static IReadOnlyList<string> Names { get; } = [Mteval13a, International, Character, None];

    public static IBleuTokenizer Create(string name) => name switch
    {
        Mteval13a => new Tokenizer13a(),
        International => new TokenizerIntl(),
        Character => new TokenizerChar(),
        None => new TokenizerNone(),
        _ => throw new ArgumentException(
            $"Unknown tokenizer '{name}'; supported: {string.Join(", ", Names)} (zh, ja-mecab, ko-mecab, spm are not).",
            nameof(name)),
    };
}
