namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>A sacreBLEU tokenizer: maps a (lowercased, right-stripped) segment to space-separated tokens.</summary>
public interface IBleuTokenizer
{
    /// <summary>The <c>tok:</c> value in signatures, e.g. "13a".</summary>
    string Signature { get; }

    string Tokenize(string line);
}
