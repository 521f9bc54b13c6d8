using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// The word splitting shared by the learner and the encoder; both must use the same instance or the learned merges
/// would not match what the encoder sees.
/// </summary>
/// <remarks>
/// GPT-2's pattern without its English contractions ('s, 't, ...), which would be wrong for German. A word keeps its
/// single leading space, so spaces are encoded rather than implied. Every character falls into one alternative,
/// so the matches tile the whole string: nothing (tabs, runs of spaces, controls) is dropped, which the exact round
/// trip needs. Letters and punctuation never share a piece, so no learned token can spell "&lt;s&gt;" or "&lt;pad&gt;".
/// Surrogate pairs are both "other" characters and therefore never split apart.
/// </remarks>
internal static partial class SubwordPreTokenizer
{
    public const string Pattern = @" ?[\p{L}\p{M}]+| ?\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s+(?!\S)|\s+";

    public static PreTokenizer Instance { get; } = new RegexPreTokenizer(WordRegex(), null);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
