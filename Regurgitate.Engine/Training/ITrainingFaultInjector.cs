namespace Regurgitate.Engine.Training;

/// <summary>
/// The one seam through which tests make a run fail where real hardware would (e.g. throw an
/// <see cref="OutOfMemoryException"/> at a chosen step). The engine calls it just before each training step and each
/// evaluation; production registers <see cref="NoTrainingFaults"/>, which does nothing.
/// </summary>
public interface ITrainingFaultInjector
{
    void BeforeStep(int step);

    void BeforeEvaluation(int step);
}
