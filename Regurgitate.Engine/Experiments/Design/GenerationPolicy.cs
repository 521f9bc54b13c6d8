namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// How iterated generations use earlier data, as in the model-collapse literature (Gerstgrasser et al. 2024): replace
/// trains each generation on the previous generation's data only, accumulate on the real data and all generations'
/// data so far. See <see cref="GenerationPlanner"/>.
/// </summary>
public enum GenerationPolicy
{
    Replace,
    Accumulate,
}
