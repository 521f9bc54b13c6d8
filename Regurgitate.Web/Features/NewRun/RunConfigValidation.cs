using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Web.Features.NewRun;

/// <summary>
/// Checks a <see cref="RunConfig"/> against the <c>[Range]</c>s of the engine's config records and the rules that
/// span fields, and reports each problem on the form field a researcher would change.
/// </summary>
public static partial class RunConfigValidation
{
    public static IReadOnlyList<ConfigError> Validate(NewRunModel model)
    {
        var errors = new List<ConfigError>();
        AddAnnotationErrors(model, null, errors);

        var config = model.ToConfig();
        AddAnnotationErrors(config, null, errors);
        AddAnnotationErrors(config.Model, nameof(RunConfig.Model), errors);
        AddAnnotationErrors(config.Training, nameof(RunConfig.Training), errors);

        if (!CorpusChoices.Contains(config.CorpusId))
        {
            errors.Add(new ConfigError(nameof(NewRunModel.CorpusId), "Choose one of the listed corpora."));
        }

        if (config.Training.EvaluateEvery > config.Training.MaxSteps)
        {
            errors.Add(new ConfigError(nameof(NewRunModel.EvaluateEvery), $"Evaluate at most every {config.Training.MaxSteps} steps (the run's length), or it never evaluates."));
        }

        if (config.Model.DModel % config.Model.Heads != 0)
        {
            errors.Add(new ConfigError(nameof(NewRunModel.Preset), $"The model width {config.Model.DModel} must be divisible by its {config.Model.Heads} attention heads."));
        }

        if (!DevicePattern().IsMatch(config.Training.Device))
        {
            errors.Add(new ConfigError(nameof(NewRunModel.Device), "Use \"auto\", \"cpu\", \"cuda\" or \"cuda:N\"."));
        }

        return errors;
    }

    private static void AddAnnotationErrors(object instance, string? prefix, List<ConfigError> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                var path = prefix is null ? member : $"{prefix}.{member}";
                errors.Add(new ConfigError(FieldFor(path), result.ErrorMessage ?? $"{member} is not valid."));
            }
        }
    }

    /// <summary>Settings the form does not show (e.g. the model width) are reported on the control that sets them.</summary>
    private static string FieldFor(string configPath) => configPath switch
    {
        "Training.MaxSteps" => nameof(NewRunModel.MaxSteps),
        "Training.EvaluateEvery" => nameof(NewRunModel.EvaluateEvery),
        "Training.LearningRate" => nameof(NewRunModel.LearningRate),
        "Training.WarmupSteps" => nameof(NewRunModel.WarmupSteps),
        "Training.TokensPerBatch" => nameof(NewRunModel.TokensPerBatch),
        "Training.Device" => nameof(NewRunModel.Device),
        "Model.VocabSize" => nameof(NewRunModel.VocabSize),
        _ when configPath.StartsWith("Model.", StringComparison.Ordinal) => nameof(NewRunModel.Preset),
        _ when configPath.StartsWith("Training.", StringComparison.Ordinal) => nameof(NewRunModel.MaxSteps),
        _ => configPath,
    };

    [GeneratedRegex(@"^(auto|cpu|cuda(:\d+)?)$")]
    private static partial Regex DevicePattern();
}
