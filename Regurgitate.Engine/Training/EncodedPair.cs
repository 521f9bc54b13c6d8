namespace Regurgitate.Engine.Training;

/// <summary>A sentence pair as subword ids, without BOS/EOS (added when batches are built).</summary>
public sealed record EncodedPair(int[] Source, int[] Target);
