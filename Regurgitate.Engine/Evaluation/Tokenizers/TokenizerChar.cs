using System.Text;

namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>sacreBLEU's <c>char</c>: every code point becomes a token (<c>" ".join(line)</c>).</summary>
public sealed class TokenizerChar : IBleuTokenizer
{
    public string Signature => "char";

    public string Tokenize(string line)
    {
        var sb = new StringBuilder(line.Length * 2);
        var i = 0;
        while (i < line.Length)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            PyText.CodePointAt(line, i, out var width);
            sb.Append(line, i, width);
            i += width;
        }

        return sb.ToString();
    }
}
