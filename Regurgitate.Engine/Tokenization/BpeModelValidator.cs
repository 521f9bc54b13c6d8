namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// Structural checks of a <see cref="BpeModel"/>. Kept separate so that loading can report a problem against the file
/// and line it came from instead of as a bare argument error.
/// </summary>
internal static class BpeModelValidator
{
    /// <param name="InMerges">Whether the problem lies in the merges (else in the vocabulary).</param>
    /// <param name="Index">Merge index or token id the problem was found at; -1 when it belongs to no single entry.</param>
    internal readonly record struct Problem(bool InMerges, int Index, string Message);

    public static Problem? FindProblem(IReadOnlyList<string> tokens, IReadOnlyList<BpeMerge> merges)
    {
        if (tokens.Count < BpeModel.BaseVocabularySize)
        {
            return new Problem(false, -1,
                $"the vocabulary has {tokens.Count} tokens; at least {BpeModel.BaseVocabularySize} (4 special + 256 byte tokens) are required");
        }

        for (var id = 0; id < SpecialTokens.Count; id++)
        {
            if (tokens[id] != SpecialTokens.All[id])
            {
                return new Problem(false, id, $"id {id} must be '{SpecialTokens.All[id]}' but is '{tokens[id]}'");
            }
        }

        for (var b = 0; b < 256; b++)
        {
            var id = BpeModel.FirstByteId + b;
            if (tokens[id] != ByteLevelAlphabet.ByteTokens[b])
            {
                return new Problem(false, id, $"id {id} must be the byte token '{ByteLevelAlphabet.ByteTokens[b]}' (byte 0x{b:X2}) but is '{tokens[id]}'");
            }
        }

        var idOf = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];
            if (string.IsNullOrEmpty(token))
            {
                return new Problem(false, id, $"id {id} has an empty token");
            }

            if (!idOf.TryAdd(token, id))
            {
                return new Problem(false, id, $"token '{token}' appears twice (ids {idOf[token]} and {id})");
            }

            // Learned tokens must spell bytes, or decoding could not turn them back into text.
            if (id >= BpeModel.BaseVocabularySize && token.Length < 2)
            {
                return new Problem(false, id, $"learned token '{token}' (id {id}) is shorter than two bytes");
            }

            if (id >= BpeModel.BaseVocabularySize && token.Any(c => !ByteLevelAlphabet.IsByteChar(c)))
            {
                return new Problem(false, id, $"learned token '{token}' (id {id}) contains a character outside the byte-level alphabet");
            }
        }

        // Each learned token must come from exactly one merge whose parts already exist at that rank: this is what
        // makes rank-order application (the encoder) equal to the learner's sequential application.
        var available = new bool[tokens.Count];
        for (var b = 0; b < 256; b++)
        {
            available[BpeModel.FirstByteId + b] = true;
        }

        for (var k = 0; k < merges.Count; k++)
        {
            var (left, right) = (merges[k].Left, merges[k].Right);
            if (left is null || right is null || !idOf.TryGetValue(left, out var leftId) || !idOf.TryGetValue(right, out var rightId))
            {
                return new Problem(true, k, $"merge '{left} {right}' uses a token that is not in the vocabulary");
            }

            if (!available[leftId] || !available[rightId])
            {
                var missing = available[leftId] ? right : left;
                return new Problem(true, k, $"merge '{left} {right}' uses '{missing}' before any earlier merge creates it");
            }

            if (!idOf.TryGetValue(left + right, out var resultId) || resultId < BpeModel.BaseVocabularySize)
            {
                return new Problem(true, k, $"merge result '{left + right}' is not a learned token of the vocabulary");
            }

            if (available[resultId])
            {
                return new Problem(true, k, $"merge result '{left + right}' is already created by an earlier merge");
            }

            available[resultId] = true;
        }

        for (var id = BpeModel.BaseVocabularySize; id < tokens.Count; id++)
        {
            if (!available[id])
            {
                return new Problem(true, -1,
                    $"{merges.Count} merges create only {merges.Count} of the {tokens.Count - BpeModel.BaseVocabularySize} learned tokens; "
                    + $"'{tokens[id]}' (id {id}) is never created (truncated merges?)");
            }
        }

        return null;
    }
}
