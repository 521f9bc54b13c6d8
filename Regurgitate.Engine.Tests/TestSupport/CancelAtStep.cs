using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.TestSupport;

/// <summary>
/// Cancels a run from its own training thread just before the given step, so the step a run stops at does not depend
/// on how far the thread got ahead of a test reading its events (which varies with the machine's load).
/// </summary>
internal sealed class CancelAtStep(int step, CancellationTokenSource cancellation) : ITrainingFaultInjector
{
    public void BeforeStep(int current)
    {
        if (current == step)
        {
            cancellation.Cancel();
        }
    }

    public void BeforeEvaluation(int step)
    {
    }
}
