using Regurgitate.Engine.Statistics;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Seed planning at one training size: the <see cref="SeedPlan"/>, or why there is none yet.
/// </summary>
/// <param name="Size">Training pairs.</param>
/// <param name="Seeds">Seeds so far: the fewest seeds any compared condition shares with the real-data runs.</param>
/// <param name="Comparisons">Conditions compared with real data at this size.</param>
/// <param name="Plan">Null when <see cref="Reason"/> says why not.</param>
public sealed record SizeSeedPlan(int Size, int Seeds, int Comparisons, SeedPlan? Plan, string? Reason);
