namespace Regurgitate.Engine.Data;

/// <summary>What a reader does with a pair that fails a content check (empty side, extreme length ratio).</summary>
public enum LinePolicy
{
    /// <summary>Throw a <see cref="CorpusFormatException"/> naming the file and line.</summary>
    Fail,

    /// <summary>Leave the pair out and count it in the <see cref="CorpusReadReport"/>.</summary>
    Skip,

    /// <summary>Keep the pair but count it; for aligned data whose line positions must be preserved (system outputs).</summary>
    Keep,
}
