using Regurgitate.Engine.Experiments;

namespace Regurgitate.Engine.Data;

/// <summary>What to sample from a catalog corpus. Sizes are upper bounds; see <see cref="CorpusLoader"/> for clamping.</summary>
public sealed record SplitRequest(string CorpusId, int TrainSize, int DevSize, int TestSize, int Seed)
{
    public static SplitRequest From(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SplitRequest(config.CorpusId, config.TrainSize, config.DevSize, config.TestSize, config.Seed);
    }
}
