namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// Turns a text into a sparse, L2-normalised vector of hashed n-gram features (see <see cref="DetectorOptions"/> for
/// which n-grams). Counts are damped with log(1 + count) so that a long sentence repeating a word does not dominate, and
/// the vector is normalised so that the learning rate means the same for short and long segments.
/// </summary>
internal sealed class DetectorFeaturizer
{
    private const char StartMarker = '\u0002';
    private const char EndMarker = '\u0003';

    private readonly DetectorOptions options;
    private readonly int mask;

    public DetectorFeaturizer(DetectorOptions options)
    {
        this.options = options;
        mask = (1 << options.HashBits) - 1;
    }

    public int Dimension => mask + 1;

    public SparseFeatures Featurize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = options.NormalizeTypography ? FoldTypography(text) : text;
        normalized = options.LowerCase ? normalized.ToLowerInvariant() : normalized;
        var tokens = Tokenize(normalized);
        var counts = new Dictionary<int, int>();

        // Word n-grams over [start] tokens [end]; markers alone are not unigrams (they would be a constant feature).
        var sequence = new List<string>(tokens.Count + 2) { StartMarker.ToString() };
        sequence.AddRange(tokens);
        sequence.Add(EndMarker.ToString());
        for (var n = options.WordNgramMin; n <= options.WordNgramMax; n++)
        {
            for (var i = 0; i + n <= sequence.Count; i++)
            {
                if (n == 1 && (i == 0 || i == sequence.Count - 1))
                {
                    continue;
                }

                var hash = new Fnv1a64('w');
                hash.Append((char)n);
                for (var k = 0; k < n; k++)
                {
                    hash.Append(' ');
                    hash.Append(sequence[i + k]);
                }

                Add(counts, hash.Value);
            }
        }

        foreach (var token in tokens)
        {
            var padded = string.Concat(" ", token, " ");
            for (var n = options.CharNgramMin; n <= options.CharNgramMax; n++)
            {
                for (var i = 0; i + n <= padded.Length; i++)
                {
                    var hash = new Fnv1a64('c');
                    hash.Append(padded.AsSpan(i, n));
                    Add(counts, hash.Value);
                }
            }
        }

        var indices = counts.Keys.Order().ToArray();
        var damped = new double[indices.Length];
        var norm = 0.0;
        for (var j = 0; j < indices.Length; j++)
        {
            damped[j] = Math.Log(1 + counts[indices[j]]);
            norm += damped[j] * damped[j];
        }

        var scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
        var values = new float[indices.Length];
        for (var j = 0; j < values.Length; j++)
        {
            values[j] = (float)(damped[j] * scale);
        }

        return new SparseFeatures(indices, values);
    }

    /// <summary>Runs of letters or digits are words; every other non-space character is a token of its own.</summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }

            if (!char.IsWhiteSpace(c))
            {
                tokens.Add(c.ToString());
            }
        }

        return tokens;
    }

    /// <summary>Curly quotes and apostrophes, dashes, ellipses and unusual spaces to their ASCII forms.</summary>
    internal static string FoldTypography(string text)
    {
        var folded = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '`' or '\u00B4':
                    folded.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A':
                    folded.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    folded.Append('-');
                    break;
                case '\u2026':
                    folded.Append("...");
                    break;
                case '\u00A0' or '\u2007' or '\u2009' or '\u202F' or '\u200A':
                    folded.Append(' ');
                    break;
                default:
                    folded.Append(c);
                    break;
            }
        }

        return folded.ToString();
    }

    private void Add(Dictionary<int, int> counts, ulong hash)
    {
        var index = (int)((hash ^ (hash >> 32)) & (ulong)mask);
        counts[index] = counts.GetValueOrDefault(index) + 1;
    }
}
