namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// A TER result in percent. <see cref="RefLength"/> is a sum of per-segment average reference lengths, hence
/// fractional with several references.
/// </summary>
public sealed record TerScore(double Score, long NumEdits, double RefLength, string Signature)
{
    public string Format(bool withSignature = false) =>
        $"{(withSignature ? $"TER|{Signature}" : "TER")} = {PyFormat.Fixed(Score, 2)}";

    public override string ToString() => Format();
}
