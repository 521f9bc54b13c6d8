using System.Diagnostics;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// A run's optimiser steps over the planned epochs, from the start or from a checkpoint: each step is published with
/// its loss, rate and ETA; every <see cref="TrainingConfig.EvaluateEvery"/> steps (and at the last) the dev set is
/// translated and scored and a resumable checkpoint is saved. A stop between two steps saves one too, so nothing
/// trained is lost. A host that records the run may ask each checkpoint to wait until it has stored what came before
/// (<see cref="RunResources.ConfirmStoredBeforeCheckpoint"/>).
/// </summary>
internal sealed class TrainingLoop(
    RunConfig config,
    RunData data,
    TranslationTransformer model,
    Seq2SeqTrainer trainer,
    ITranslationDecoder devDecoder,
    CheckpointStore checkpoints,
    Device device,
    ITrainingFaultInjector faults,
    Action<RunEvent> publish,
    Stopwatch runClock,
    TimeProvider time,
    bool confirmStoredBeforeCheckpoint = false)
{
    /// <summary>How long a checkpoint waits for the host's confirmation (a database write) before it is skipped.</summary>
    public static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromMinutes(2);

    private readonly IReadOnlyList<int[]> devSources = [.. data.Dev.Select(p => p.Source)];
    private long tokensSeen;
    private long sentencesSeen;
    private int step;
    private int checkpointedStep;

    /// <summary>Trains to the planned number of steps and returns it (the step the test score belongs to).</summary>
    public int Run(ResumePoint? resume, CancellationToken cancellationToken)
    {
        var train = data.Training.Pairs;
        var planner = data.Training.Planner(config.Training, config.EffectiveInitSeed);
        var schedule = TrainingSchedule.Plan(planner, train, config.Training, data.Training.Dropped);
        var maxSteps = schedule.Steps;
        publish(new TrainingPlanned(schedule.Steps, schedule.TargetTokens, schedule.SourceTokens, schedule.PairsKept, schedule.PairsDropped));
        var timing = new EtaEstimator(maxSteps, config.Training.EvaluateEvery);
        var position = resume is null ? new TrainingPosition(0, 0, 0, 0, 0) : Resume(resume, maxSteps);

        tokensSeen = position.TokensSeen;
        sentencesSeen = position.SentencesSeen;
        step = checkpointedStep = position.Step;
        var trainingClock = Stopwatch.StartNew();
        for (var epoch = position.Epoch; step < maxSteps; epoch++)
        {
            var plan = planner.PlanEpoch(epoch);
            for (var index = epoch == position.Epoch ? position.NextBatch : 0; index < plan.Count; index++)
            {
                if (cancellationToken.IsCancellationRequested && step > checkpointedStep)
                {
                    // Stopped between two steps (shutdown or cancel): what was trained since the last checkpoint is
                    // kept, so the run resumes from exactly here rather than repeating up to EvaluateEvery steps.
                    SaveCheckpoint(new TrainingPosition(step, epoch, index, tokensSeen, sentencesSeen));
                }

                cancellationToken.ThrowIfCancellationRequested();
                var stepStart = trainingClock.Elapsed;
                var result = Step(train, plan[index]);
                var stepTime = trainingClock.Elapsed - stepStart;
                timing.RecordStep(stepTime);
                publish(new StepCompleted(
                    step, maxSteps, result.Loss,
                    LearningRateSchedule.InverseSquareRoot(step, config.Training.LearningRate, config.Training.WarmupSteps),
                    result.TargetTokens / Math.Max(stepTime.TotalSeconds, 1e-9),
                    tokensSeen, sentencesSeen, (double)sentencesSeen / train.Count, runClock.Elapsed, timing.Remaining(step)));

                if (step % config.Training.EvaluateEvery == 0 || step == maxSteps)
                {
                    var evalStart = trainingClock.Elapsed;
                    EvaluateDev(cancellationToken);
                    SaveCheckpoint(index + 1 < plan.Count
                        ? new TrainingPosition(step, epoch, index + 1, tokensSeen, sentencesSeen)
                        : new TrainingPosition(step, epoch + 1, 0, tokensSeen, sentencesSeen));
                    timing.RecordEvaluation(trainingClock.Elapsed - evalStart);
                    if (step < maxSteps)
                    {
                        publish(new PhaseChanged(RunPhase.Training, $"Training (step {step:N0} of {maxSteps:N0})"));
                    }
                }

                if (step == maxSteps)
                {
                    break;
                }
            }
        }

        return step;
    }

    private TrainingPosition Resume(ResumePoint resume, int maxSteps)
    {
        CheckpointStore.LoadFile(model, resume.CheckpointPath);
        using (var reader = new BinaryReader(File.OpenRead(resume.StatePath)))
        {
            trainer.LoadState(reader);
        }

        publish(new RunResumed(resume.Position.Step, resume.CheckpointPath));
        publish(new PhaseChanged(RunPhase.Training, $"Resumed from the checkpoint at step {resume.Position.Step:N0} of {maxSteps:N0}"));
        return resume.Position;
    }

    private StepResult Step(IReadOnlyList<EncodedPair> train, int[] batch)
    {
        step++;
        StepResult result;
        try
        {
            faults.BeforeStep(step);
            result = trainer.Step(train, batch, step);
        }
        catch (Exception ex) when (OutOfMemoryDetection.IsOutOfMemory(ex))
        {
            throw new TrainingOutOfMemoryException(step, device.ToString(), "training step", ex);
        }

        if (!double.IsFinite(result.Loss))
        {
            throw new InvalidOperationException($"The loss became {result.Loss} at step {step}; lower Training.LearningRate or raise Training.WarmupSteps.");
        }

        tokensSeen += result.TargetTokens;
        sentencesSeen += batch.Length;
        return result;
    }

    private void EvaluateDev(CancellationToken cancellationToken)
    {
        publish(new PhaseChanged(RunPhase.Evaluating, $"Translating {data.Dev.Count:N0} dev sentences at step {step} ({config.DevDecoding.Describe()})"));
        EvaluationCompleted devResult;
        try
        {
            faults.BeforeEvaluation(step);
            double? devLoss = data.DevForLoss.Count == 0 ? null : trainer.EvaluateLoss(data.DevForLoss, config.Training.TokensPerBatch, cancellationToken);
            devResult = RunEvaluation.Evaluate(EvaluationSplit.Dev, step, data.Splits.Dev, data.DevScoreReferences, devSources, data.Tokenizer, devDecoder, devLoss, cancellationToken);
        }
        catch (Exception ex) when (OutOfMemoryDetection.IsOutOfMemory(ex))
        {
            throw new TrainingOutOfMemoryException(step, device.ToString(), "dev evaluation", ex);
        }

        publish(devResult);
    }

    private void SaveCheckpoint(TrainingPosition next)
    {
        if (confirmStoredBeforeCheckpoint)
        {
            var pending = new CheckpointPending(step);
            publish(pending);
            if (!pending.WaitForConfirmation(ConfirmationTimeout, time))
            {
                // The host could not store the curve up to here (e.g. it lost the run's lease): a checkpoint now would be
                // ahead of it, so the run keeps its previous one.
                return;
            }
        }

        publish(new CheckpointSaved(step, checkpoints.Save(model, step, next, trainer.SaveState)));
        checkpointedStep = step;
    }
}
