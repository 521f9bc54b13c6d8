using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// What a run's training set is made of: a share of real (human) pairs and synthetic pairs from weighted generators,
/// all drawn from the same pool of German sources. The default is all real.
/// </summary>
public sealed record MixtureConfig
{
    /// <summary>Share of training pairs with their human target, 0–1; the rest take a synthetic target.</summary>
    [Range(0.0, 1.0)] public double RealFraction { get; init; } = 1.0;

    /// <summary>Generators of the synthetic share and their relative weights (normalised; equal weights split evenly).</summary>
    public IReadOnlyList<SyntheticShare> Synthetic { get; init; } = [];

    /// <summary>
    /// Further synthetic sets whose coverage restricts the candidate sources. An experiment lists all its sets here so
    /// that every condition draws from the same sources, whichever generator it uses (a generator's failed
    /// translations would otherwise make its condition sample a different pool).
    /// </summary>
    public IReadOnlyList<string> AlignWith { get; init; } = [];

    /// <summary>Null: synthetic pairs are a seeded random sample. Otherwise they are taken best-scored first.</summary>
    public SelectionOrder? Order { get; init; }

    /// <summary>
    /// What happens to sources a generator failed to translate; written to JSON only when not the default, so that
    /// configurations from before the policy existed still match their run directories.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public FailurePolicy Failures { get; init; }

    /// <summary>
    /// Null for a mixture drawn from one candidate pool. Otherwise the training set is these parts side by side, each
    /// drawn from its own slice of sources (see <see cref="PartsComposer"/>): how an iterated generation learns from
    /// real data and earlier generations' translations of disjoint sources. <see cref="RealFraction"/>,
    /// <see cref="Synthetic"/> and <see cref="AlignWith"/> then restate the parts' shares, origins and slices. Written
    /// to JSON only when set, so that other configurations read and hash as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SlicePart>? Parts { get; init; }

    /// <summary>True when nothing synthetic is involved: neither in the training set nor in choosing its sources.</summary>
    public bool IsPlainReal => RealFraction >= 1.0 && AlignWith.Count == 0;

    // Value equality over the lists too, so that a configuration read back from JSON equals the one written.
    public bool Equals(MixtureConfig? other) =>
        other is not null
        && RealFraction.Equals(other.RealFraction)
        && Synthetic.SequenceEqual(other.Synthetic)
        && AlignWith.SequenceEqual(other.AlignWith, StringComparer.Ordinal)
        && Equals(Order, other.Order)
        && Failures == other.Failures
        && (Parts ?? []).SequenceEqual(other.Parts ?? []);

    public override int GetHashCode() => HashCode.Combine(RealFraction, Synthetic.Count, AlignWith.Count);

    /// <summary>Every generator id the mixture needs, without duplicates.</summary>
    public IEnumerable<string> GeneratorIds =>
        Synthetic.Select(s => s.GeneratorId).Concat(AlignWith).Distinct(StringComparer.OrdinalIgnoreCase);
}
