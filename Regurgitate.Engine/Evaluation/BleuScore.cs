using System.Globalization;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// A BLEU result with sacreBLEU's fields. <see cref="Counts"/> and <see cref="Totals"/> are doubles because add-k
/// smoothing adds its (possibly fractional) value to them before they are reported, as sacreBLEU does.
/// </summary>
public sealed record BleuScore(
    double Score,
    IReadOnlyList<double> Counts,
    IReadOnlyList<double> Totals,
    IReadOnlyList<double> Precisions,
    double BrevityPenalty,
    double Ratio,
    int SysLen,
    int RefLen,
    string Signature)
{
    /// <summary>sacreBLEU's printed form, e.g. <c>BLEU = 32.70 73.4/45.5/26.4/13.0 (BP = 1.000 ratio = 1.018 hyp_len = 222 ref_len = 218)</c>.</summary>
    public string Format(bool withSignature = false)
    {
        var name = withSignature ? $"BLEU|{Signature}" : "BLEU";
        var precisions = string.Join('/', Precisions.Select(p => PyFormat.Fixed(p, 1)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{name} = {PyFormat.Fixed(Score, 2)} {precisions} (BP = {PyFormat.Fixed(BrevityPenalty, 3)} ratio = {PyFormat.Fixed(Ratio, 3)} hyp_len = {SysLen} ref_len = {RefLen})");
    }

    public override string ToString() => Format();
}
