using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>Folds engine events into the dashboard's view of a run: a new snapshot plus the curve points they carry.</summary>
public static class RunEventRecorder
{
    public static RunSnapshot Apply(RunSnapshot current, RunEvent runEvent, ICollection<MetricSample> points)
    {
        switch (runEvent)
        {
            case RunStarted started:
                // A hosted model's size and threads are not known (reported as 0): shown as unknown, not as an empty model,
                // and never pinned as the experiment's thread count.
                return current with
                {
                    Device = started.Device,
                    ParameterCount = started.Parameters > 0 ? started.Parameters : null,
                    Threads = started.Threads > 0 ? started.Threads : null,
                };

            case TrainingPlanned planned:
                return current with { Budget = planned, MaxSteps = planned.Steps };

            case PhaseChanged phase:
                return current with { PhaseMessage = phase.Message, PhaseFraction = phase.Fraction };

            case StepCompleted step:
                points.Add(new MetricSample(step.Step, MetricNames.TrainLoss, step.Loss, step.Timestamp));
                points.Add(new MetricSample(step.Step, MetricNames.TrainLearningRate, step.LearningRate, step.Timestamp));
                points.Add(new MetricSample(step.Step, MetricNames.TrainTokensPerSecond, step.TokensPerSecond, step.Timestamp));
                points.Add(new MetricSample(step.Step, MetricNames.TrainTokensSeen, step.TargetTokensSeen, step.Timestamp));
                points.Add(new MetricSample(step.Step, MetricNames.TrainExamplesSeen, step.SentencesSeen, step.Timestamp));
                points.Add(new MetricSample(step.Step, MetricNames.TrainEpoch, step.Epoch, step.Timestamp));
                return current with { Step = step.Step, MaxSteps = step.MaxSteps, TokensPerSecond = step.TokensPerSecond, Eta = step.Eta };

            case EvaluationCompleted { Split: EvaluationSplit.Dev } dev:
                points.Add(new MetricSample(dev.Step, MetricNames.DevBleu, dev.Bleu, dev.Timestamp));
                points.Add(new MetricSample(dev.Step, MetricNames.DevChrF, dev.ChrF, dev.Timestamp));
                if (dev.Loss is { } devLoss)
                {
                    points.Add(new MetricSample(dev.Step, MetricNames.DevLoss, devLoss, dev.Timestamp));
                }

                return current with { Samples = dev.Samples, SamplesSplit = EvaluationSplit.Dev, SamplesStep = dev.Step };

            case EvaluationCompleted test:
                points.Add(new MetricSample(test.Step, MetricNames.TestBleu, test.Bleu, test.Timestamp));
                points.Add(new MetricSample(test.Step, MetricNames.TestChrF, test.ChrF, test.Timestamp));
                return current with
                {
                    TestBleu = test.Bleu,
                    TestBleuSignature = test.BleuSignature,
                    TestChrF = test.ChrF,
                    TestChrFSignature = test.ChrFSignature,
                    Samples = test.Samples,
                    SamplesSplit = EvaluationSplit.Test,
                    SamplesStep = test.Step,
                };

            case RunFinished finished:
                return current with
                {
                    Status = finished.Outcome switch
                    {
                        RunOutcome.Completed => RunStatus.Completed,
                        RunOutcome.Cancelled => RunStatus.Cancelled,
                        _ => RunStatus.Failed,
                    },
                    Message = finished.Message,
                    PhaseFraction = null,
                    Eta = null,
                    FinishedAt = finished.Timestamp,
                };

            default:
                // Checkpoints and future event kinds change nothing the dashboard shows.
                return current;
        }
    }

    /// <summary>
    /// Events after which the database should be brought up to date at once, not at the next flush interval. A
    /// checkpoint is announced (<see cref="CheckpointPending"/>) and stored up to before it is written, so the
    /// <see cref="CheckpointSaved"/> that follows has nothing left to store.
    /// </summary>
    public static bool IsMilestone(RunEvent runEvent) => runEvent is RunStarted or TrainingPlanned or EvaluationCompleted or CheckpointPending or RunFinished;
}
