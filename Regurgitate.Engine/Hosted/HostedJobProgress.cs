using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Experiments.Events;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Turns a hosted job's progress into the run's phase message (what the run page shows): the file's and the job's
/// status, and the provider's latest job event under them, each also logged. Reports arrive synchronously from the
/// backend, so the message always shows the newest state.
/// </summary>
internal sealed partial class HostedJobProgress(ChannelWriter<RunEvent> events, Func<string, string> redact, ILogger logger) : IProgress<HostedFineTuningProgress>
{
    private readonly Lock gate = new();
    private string state = "";

    public void Report(HostedFineTuningProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string message;
        lock (gate)
        {
            switch (value.Stage)
            {
                case HostedFineTuningProgress.UploadStage:
                    state = $"Training file {value.Message} {value.Status}";
                    message = state;
                    break;
                case HostedFineTuningProgress.JobStage:
                    state = $"Fine-tuning job {value.Message}: {value.Status}";
                    message = state;
                    break;
                default:
                    message = $"{state} · {value.Status}: {redact(value.Message)}";
                    break;
            }
        }

        LogProgress(logger, value.Label, message);
        events.TryWrite(new PhaseChanged(RunPhase.Training, message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hosted run {Label}: {Message}")]
    private static partial void LogProgress(ILogger logger, string label, string message);
}
