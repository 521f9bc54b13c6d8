namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// A byte-level BPE model: the vocabulary (index = id) and the merges in rank order.
/// Layout: ids 0..3 are <see cref="SpecialTokens"/>, ids 4..259 the 256 byte tokens (id = 4 + byte value),
/// and every later id is the result of exactly one merge, in merge order.
/// </summary>
public sealed class BpeModel
{
    /// <summary>Id of the token for byte 0; byte b has id <c>FirstByteId + b</c>.</summary>
    public const int FirstByteId = 4;

    /// <summary>Smallest possible vocabulary: the special tokens plus the byte alphabet.</summary>
    public const int BaseVocabularySize = FirstByteId + 256;

    /// <exception cref="ArgumentException">The tokens or merges break the layout above.</exception>
    public BpeModel(IEnumerable<string> tokens, IEnumerable<BpeMerge> merges)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(merges);
        Tokens = tokens.ToArray();
        Merges = merges.ToArray();
        if (BpeModelValidator.FindProblem(Tokens, Merges) is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.InMerges ? nameof(merges) : nameof(tokens));
        }
    }

    /// <summary>Token strings in the GPT-2 byte-to-character alphabet, index = id.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Merge rules, highest priority first.</summary>
    public IReadOnlyList<BpeMerge> Merges { get; }
}
