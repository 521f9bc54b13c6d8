using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Log messages of <see cref="RunCoordinator"/> and <see cref="RunRecorder"/>, in one place because both write to the
/// coordinator's log category and share several messages (taken over, finished).
/// </summary>
internal static partial class RunCoordinatorLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read or claim from the run queue; trying again at the next poll")]
    public static partial void QueueReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} is owned by another process now; this process stopped recording it")]
    public static partial void TakenOver(ILogger logger, int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} was left queued or running by an earlier process; queued again to resume")]
    public static partial void Requeued(ILogger logger, int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of experiment {Experiment} queued ({Corpus}, {MaxSteps} steps)")]
    public static partial void Queued(ILogger logger, int runId, string experiment, string corpus, int maxSteps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started; artefacts in {RunDirectory}")]
    public static partial void Started(ILogger logger, int runId, string runDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} placed: {Placement}")]
    public static partial void Placed(ILogger logger, int runId, string placement);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} resumed from its checkpoint at step {Step}: {Path}")]
    public static partial void Resumed(ILogger logger, int runId, int step, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} saved a checkpoint at step {Step}: {Path}")]
    public static partial void Checkpoint(ILogger logger, int runId, int step, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancellation requested for run {RunId}")]
    public static partial void CancelRequested(ILogger logger, int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} at step {Step}, test BLEU {TestBleu}")]
    public static partial void Finished(ILogger logger, int runId, RunStatus status, int step, double? testBleu);

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine threw during run {RunId}")]
    public static partial void EngineFailed(ILogger logger, Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record run {RunId}")]
    public static partial void RecordingFailed(ILogger logger, Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of run {RunId} failed to take an update")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, int runId);
}
