namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// The reserved tokens and their fixed ids. The model's embedding rows, padding masks and decoding loop depend on
/// these ids, so every tokenizer (learned or loaded) must place them exactly here.
/// </summary>
public static class SpecialTokens
{
    public const string Pad = "<pad>";
    public const string Bos = "<s>";
    public const string Eos = "</s>";
    public const string Unknown = "<unk>";

    public const int PadId = 0;
    public const int BosId = 1;
    public const int EosId = 2;
    public const int UnknownId = 3;

    /// <summary>The special tokens in id order (index = id).</summary>
    public static IReadOnlyList<string> All { get; } = [Pad, Bos, Eos, Unknown];

    public static int Count => All.Count;

    public static bool IsSpecialId(int id) => id is >= 0 and < 4;
}
