namespace Regurgitate.Engine.Training;

/// <summary>The production <see cref="ITrainingFaultInjector"/>: injects nothing.</summary>
public sealed class NoTrainingFaults : ITrainingFaultInjector
{
    public static readonly NoTrainingFaults Instance = new();

    public void BeforeStep(int step)
    {
    }

    public void BeforeEvaluation(int step)
    {
    }
}
