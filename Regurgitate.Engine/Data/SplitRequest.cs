using Regurgitate.Engine.Experiments;

namespace Regurgitate.Engine.Data;

/// <summary>What to sample from a catalog corpus. Sizes are upper bounds; see <see cref="CorpusLoader"/> for clamping.</summary>
public sealed record SplitRequest(string CorpusId, int TrainSize, int DevSize, int TestSize, int Seed)
{
    /// <summary>A <see cref="TrainSize"/> asking for the whole training pool (no note that less was available).</summary>
    public const int All = int.MaxValue;

    public static SplitRequest From(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // A mixed training set is drawn from the whole pool later (see MixtureComposer); dev and test follow the split seed.
        return new SplitRequest(config.CorpusId, config.Mixture.IsPlainReal ? config.TrainSize : All, config.DevSize, config.TestSize, config.EffectiveSplitSeed);
    }
}
