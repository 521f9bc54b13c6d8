using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Optimises a <see cref="TranslationTransformer"/> with label-smoothed cross-entropy, Adam (β = 0.9, 0.98; ε = 1e-9),
/// the inverse-square-root schedule and gradient-norm clipping.
/// </summary>
public sealed class Seq2SeqTrainer : IDisposable
{
    private readonly TrainingConfig config;
    private readonly SpecialTokenIds special;
    private readonly Adam optimizer;
    private readonly Parameter[] parameters;
    private readonly TorchRandomStream random;

    /// <param name="random">The run's random stream, the one its model was initialised in: dropout draws from it.</param>
    public Seq2SeqTrainer(TranslationTransformer model, TrainingConfig config, SpecialTokenIds special, Device device, TorchRandomStream random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        Model = model;
        this.random = random;
        Device = device;
        this.config = config;
        this.special = special;
        parameters = model.parameters().ToArray();
        optimizer = optim.Adam(parameters, config.LearningRate, 0.9, 0.98, 1e-9);
    }

    public TranslationTransformer Model { get; }
    public Device Device { get; }

    /// <summary>One optimiser step on the given pairs; <paramref name="step"/> counts from 1.</summary>
    public StepResult Step(IReadOnlyList<EncodedPair> pairs, IReadOnlyList<int> batch, int step)
    {
        var learningRate = LearningRateSchedule.InverseSquareRoot(step, config.LearningRate, config.WarmupSteps);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        Model.train();
        using var scope = NewDisposeScope();
        using var tensors = BatchTensors.ForTraining(pairs, batch, special, Device);
        optimizer.zero_grad();

        // Only the forward pass draws random numbers (dropout masks, attention dropout); backward reuses its masks and
        // the optimiser draws none. So only the forward holds the process-wide generator lock, and runs packed in one
        // process overlap everything else of their steps while each still draws exactly its own numbers.
        var loss = random.UseOn(Device, () =>
        {
            using var autocast = config.Bf16Autocast == true && Device.type == DeviceType.CUDA ? LibTorchSwitches.Autocast(DeviceType.CUDA, ScalarType.BFloat16) : null;
            return Loss(tensors);
        });
        loss.backward();
        var norm = config.ClipNorm > 0 ? nn.utils.clip_grad_norm_(parameters, config.ClipNorm) : double.NaN;
        KeptScalarAdam.Step(optimizer);
        return new StepResult(loss.item<float>(), tensors.TargetTokens, norm);
    }

    /// <summary>Writes what continuing training needs besides the parameters: Adam's moments and the run's random stream (dropout).</summary>
    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        optimizer.save_state_dict(writer);
        random.Save(writer);
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote; the model's parameters are loaded separately.</summary>
    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        optimizer.load_state_dict(reader);
        random.Load(reader);
    }

    /// <summary>Mean teacher-forced loss per target token over the pairs, without updating the model.</summary>
    public double EvaluateLoss(IReadOnlyList<EncodedPair> pairs, int tokensPerBatch, CancellationToken cancellationToken)
    {
        Model.eval();
        using var noGrad = no_grad();
        double total = 0;
        long tokens = 0;
        foreach (var batch in new TokenBatchPlanner(pairs, tokensPerBatch, seed: 0).PlanEpoch(0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var tensors = BatchTensors.ForTraining(pairs, batch, special, Device);
            total += Loss(tensors).item<float>() * tensors.TargetTokens;
            tokens += tensors.TargetTokens;
        }

        return tokens == 0 ? double.NaN : total / tokens;
    }

    public void Dispose() => optimizer.Dispose();

    private Tensor Loss(BatchTensors tensors) => BlockedCrossEntropy.Mean(
        Model,
        Model.TeacherForcedStates(tensors.Source, tensors.TargetInput!),
        tensors.TargetOutput!,
        special.Pad,
        config.LabelSmoothing,
        tensors.TargetTokens);
}
