using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Hosted;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>Which executor runs a run: chosen by its kind, which its configuration decides.</summary>
public static class RunKinds
{
    public static RunKind Of(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Hosted is null ? RunKind.Local : RunKind.Hosted;
    }

    /// <summary>
    /// The executor of <paramref name="config"/>'s kind: the engine's for a local run (null when none is registered), the
    /// hosted one for a hosted run. A hosted run learns of the user's cancellation through <paramref name="userCancellation"/>,
    /// which cancels its provider's job; a shutdown alone leaves that job running to be polled again.
    /// </summary>
    public static IRunExecutor? Executor(IServiceProvider services, RunConfig config, CancellationToken userCancellation)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Of(config) == RunKind.Hosted
            ? new CancellingHostedExecutor(services.GetRequiredService<HostedRunExecutor>(), userCancellation)
            : services.GetService<IRunExecutor>();
    }

    private sealed class CancellingHostedExecutor(HostedRunExecutor executor, CancellationToken userCancellation) : IRunExecutor
    {
        public IAsyncEnumerable<Engine.Experiments.Events.RunEvent> RunAsync(RunConfig config, string runDirectory, CancellationToken cancellationToken) =>
            executor.RunAsync(config, runDirectory, cancellationToken, userCancellation);
    }
}
