using System.ComponentModel.DataAnnotations;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Web.Features.NewRun;

/// <summary>
/// Checks a <see cref="RunConfig"/> against the <c>[Range]</c>s of the engine's config records and the rules that
/// span fields, and reports each problem on the form field a researcher would change.
/// </summary>
public static class RunConfigValidation
{
    public static IReadOnlyList<ConfigError> Validate(NewRunModel model)
    {
        var errors = new List<ConfigError>();
        AddAnnotationErrors(model, errors);

        var config = model.ToConfig();

        // The engine's validator is the single source of the rules (the known corpora among them); here they are only
        // mapped onto form fields.
        errors.AddRange(Engine.Experiments.RunConfigValidator.Validate(config).Select(e => new ConfigError(FieldFor(e.Field), e.Message)));
        return errors;
    }

    private static void AddAnnotationErrors(object instance, List<ConfigError> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                errors.Add(new ConfigError(member, result.ErrorMessage ?? $"{member} is not valid."));
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
        "CorpusId" => nameof(NewRunModel.CorpusId),
        "TrainSize" => nameof(NewRunModel.TrainSize),
        "Seed" => nameof(NewRunModel.Seed),
        _ when configPath.StartsWith("Model.", StringComparison.Ordinal) => nameof(NewRunModel.Preset),
        _ when configPath.StartsWith("Training.", StringComparison.Ordinal) => nameof(NewRunModel.MaxSteps),
        _ => configPath,
    };
}
