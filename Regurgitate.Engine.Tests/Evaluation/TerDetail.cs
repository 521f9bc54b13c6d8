namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class TerDetail
{
    public double NumEdits { get; init; }
    public double RefLength { get; init; }
}
