namespace Regurgitate.Engine.Experiments.Design;

/// <summary>How synthetic data enter training. <see cref="None"/>: in random order, the plain regurgitative baseline.</summary>
public enum Mitigation
{
    None,
}
