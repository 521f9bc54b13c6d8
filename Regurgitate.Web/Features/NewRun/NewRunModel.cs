using System.ComponentModel.DataAnnotations;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Web.Features.NewRun;

/// <summary>
/// The editable fields of the new-run form. Ranges are not repeated here: <see cref="RunConfigValidation"/> checks the
/// <see cref="RunConfig"/> this model becomes, so the engine's contract stays the single source of the limits.
/// </summary>
public sealed class NewRunModel
{
    [Required(ErrorMessage = "Give the experiment a name.")]
    [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
    public string ExperimentName { get; set; } = "default";

    public string CorpusId { get; set; } = string.Empty;
    public int TrainSize { get; set; }
    public ModelPreset Preset { get; set; }
    public int MaxSteps { get; set; }
    public int EvaluateEvery { get; set; }
    public int Seed { get; set; }
    public double LearningRate { get; set; }
    public int WarmupSteps { get; set; }
    public int TokensPerBatch { get; set; }
    public int VocabSize { get; set; }
    public string Device { get; set; } = string.Empty;

    /// <summary>The form's starting values: those of <c>new RunConfig()</c>, the dashboard's default experiment.</summary>
    public static NewRunModel FromDefaults()
    {
        var config = new RunConfig();
        return new NewRunModel
        {
            ExperimentName = $"{config.CorpusId}-{PresetOf(config.Model).ToString().ToLowerInvariant()}",
            CorpusId = config.CorpusId,
            TrainSize = config.TrainSize,
            Preset = PresetOf(config.Model),
            MaxSteps = config.Training.MaxSteps,
            EvaluateEvery = config.Training.EvaluateEvery,
            Seed = config.Seed,
            LearningRate = config.Training.LearningRate,
            WarmupSteps = config.Training.WarmupSteps,
            TokensPerBatch = config.Training.TokensPerBatch,
            VocabSize = config.Model.VocabSize,
            Device = config.Training.Device,
        };
    }

    public static ModelConfig ModelOf(ModelPreset preset) => preset switch
    {
        ModelPreset.Tiny => ModelConfig.Tiny,
        ModelPreset.Base => ModelConfig.Base,
        _ => ModelConfig.Small,
    };

    /// <summary>Picking a preset also picks its vocabulary size, which the researcher may then override.</summary>
    public void ApplyPreset(ModelPreset preset)
    {
        Preset = preset;
        VocabSize = ModelOf(preset).VocabSize;
    }

    /// <summary>The run this form describes; fields the form does not show keep the contract's defaults.</summary>
    public RunConfig ToConfig()
    {
        var defaults = new RunConfig();
        return defaults with
        {
            CorpusId = CorpusId,
            TrainSize = TrainSize,
            Seed = Seed,
            Model = ModelOf(Preset) with { VocabSize = VocabSize },
            Training = defaults.Training with
            {
                MaxSteps = MaxSteps,
                EvaluateEvery = EvaluateEvery,
                LearningRate = LearningRate,
                WarmupSteps = WarmupSteps,
                TokensPerBatch = TokensPerBatch,
                Device = Device.Trim(),
            },
        };
    }

    private static ModelPreset PresetOf(ModelConfig model) =>
        model == ModelConfig.Tiny ? ModelPreset.Tiny : model == ModelConfig.Base ? ModelPreset.Base : ModelPreset.Small;
}
