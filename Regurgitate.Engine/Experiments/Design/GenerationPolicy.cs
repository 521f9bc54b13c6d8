namespace Regurgitate.Engine.Experiments.Design;

/// <summary>How iterated generations use earlier data (cf. "replace" vs "accumulate" in model-collapse studies).</summary>
public enum GenerationPolicy
{
    Replace,
    Accumulate,
}
