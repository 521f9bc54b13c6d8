namespace Regurgitate.Engine.Evaluation;

/// <summary>A chrF / chrF++ result (0..100) with its sacreBLEU signature.</summary>
public sealed record ChrFScore(double Score, int CharOrder, int WordOrder, int Beta, string Signature)
{
    /// <summary>sacreBLEU's metric name: chrF2, chrF2++ (one '+' per word order).</summary>
    public string Name => $"chrF{Beta}{new string('+', WordOrder)}";

    public string Format(bool withSignature = false) =>
        $"{(withSignature ? $"{Name}|{Signature}" : Name)} = {PyFormat.Fixed(Score, 2)}";

    public override string ToString() => Format();
}
