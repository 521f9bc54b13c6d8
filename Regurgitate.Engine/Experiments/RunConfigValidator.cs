using System.ComponentModel.DataAnnotations;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// Checks a <see cref="RunConfig"/> before anything runs: the [Range]/[Required] annotations of every section plus
/// the rules that span fields. Each error names its field by path (e.g. "Model.Heads").
/// </summary>
public static class RunConfigValidator
{
    public static IReadOnlyList<RunConfigError> Validate(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<RunConfigError>();
        Annotations(config, "", errors);
        if (!string.IsNullOrWhiteSpace(config.CorpusId) && Data.CorpusCatalog.Find(config.CorpusId) is null)
        {
            errors.Add(new("CorpusId", $"Unknown corpus '{config.CorpusId}'. Known corpora: {string.Join(", ", Data.CorpusCatalog.Corpora.Select(c => c.Id))}."));
        }

        Annotations(config.Model, "Model.", errors);
        Annotations(config.Training, "Training.", errors);
        Annotations(config.Mixture, "Mixture.", errors);
        ValidateMixture(config.Mixture, errors);
        if (config.Mixture.Parts is { Count: > 0 } parts && parts.Sum(p => (long)p.Size) != config.TrainSize)
        {
            errors.Add(new("TrainSize", $"A training set of parts has their {parts.Sum(p => (long)p.Size):N0} pairs, not {config.TrainSize:N0}."));
        }

        Annotations(config.DevDecoding, "DevDecoding.", errors);
        Annotations(config.TestDecoding, "TestDecoding.", errors);

        var model = config.Model;
        if (model.Heads > 0 && model.DModel % model.Heads != 0)
        {
            errors.Add(new("Model.Heads", $"The model dimension ({model.DModel}) must be divisible by the number of heads ({model.Heads})."));
        }

        var training = config.Training;
        if (training.MaxSteps == 0 && config.InitFrom is null)
        {
            errors.Add(new("Training.MaxSteps", "Train at least one step; 0 only scores a pretrained model, named by InitFrom."));
        }

        if (training.MaxSteps > 0 && training.EvaluateEvery > training.MaxSteps)
        {
            errors.Add(new("Training.EvaluateEvery", $"Evaluate at most every {training.MaxSteps} steps (the run's length), or it never evaluates."));
        }

        if (training.MaxTokensPerSentence >= model.MaxPositions)
        {
            errors.Add(new("Training.MaxTokensPerSentence", $"Sentences of up to {training.MaxTokensPerSentence} tokens (plus EOS) do not fit the model's {model.MaxPositions} positions."));
        }

        if (training.TokensPerBatch <= training.MaxTokensPerSentence)
        {
            errors.Add(new("Training.TokensPerBatch", $"A batch of {training.TokensPerBatch} tokens cannot hold a sentence of {training.MaxTokensPerSentence} tokens."));
        }

        if (string.IsNullOrWhiteSpace(training.Device) || !IsDeviceSpecification(training.Device))
        {
            errors.Add(new("Training.Device", $"Unknown device '{training.Device}': use auto, cpu, cuda or cuda:N."));
        }

        if (training.Bf16Autocast == true && string.Equals(training.Device?.Trim(), "cpu", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("Training.Bf16Autocast", "bf16 autocast is a CUDA option: CPU training stays in float32. Leave Bf16Autocast out or use device cuda (or auto on a machine with a GPU)."));
        }

        DecodingRules(config.DevDecoding, "DevDecoding.", errors);
        DecodingRules(config.TestDecoding, "TestDecoding.", errors);
        ReferenceRules(config, errors);
        PretrainedRules(config, errors);
        return errors;
    }

    /// <summary>The pretrained model must exist and share the run's architecture, direction and vocabulary.</summary>
    private static void PretrainedRules(RunConfig config, List<RunConfigError> errors)
    {
        if (config.InitFrom is not { } initFrom)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(initFrom))
        {
            errors.Add(new("InitFrom", "Name a completed run's directory or a checkpoint, or leave InitFrom out to start from random weights."));
            return;
        }

        try
        {
            errors.AddRange(PretrainedCheckpoint.Resolve(initFrom).Mismatches(config));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            errors.Add(new("InitFrom", ex.Message));
        }
    }

    private static void ValidateMixture(MixtureConfig mixture, List<RunConfigError> errors)
    {
        ValidateParts(mixture, errors);
        if (mixture.RealFraction < 1.0 && mixture.Synthetic.Count == 0)
        {
            errors.Add(new("Mixture.Synthetic", $"A real fraction of {mixture.RealFraction:0.##} leaves a synthetic share, so name at least one synthetic generator."));
        }

        for (var i = 0; i < mixture.Synthetic.Count; i++)
        {
            var share = mixture.Synthetic[i];
            if (string.IsNullOrWhiteSpace(share.GeneratorId))
            {
                errors.Add(new($"Mixture.Synthetic[{i}].GeneratorId", "Name the generator whose targets to use."));
            }

            if (!(share.Weight > 0) || double.IsInfinity(share.Weight))
            {
                errors.Add(new($"Mixture.Synthetic[{i}].Weight", $"Weights must be positive and finite, not {share.Weight}."));
            }
        }

        var duplicates = mixture.Synthetic.GroupBy(s => s.GeneratorId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add(new("Mixture.Synthetic", $"Each generator may appear once; repeated: {string.Join(", ", duplicates)}."));
        }

        for (var i = 0; i < mixture.AlignWith.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(mixture.AlignWith[i]))
            {
                errors.Add(new($"Mixture.AlignWith[{i}]", "Name a generator."));
            }
        }

        if (mixture.Order is { } order)
        {
            if (string.IsNullOrWhiteSpace(order.Name))
            {
                errors.Add(new("Mixture.Order.Name", "Name the strategy that scored the pairs."));
            }

            if (string.IsNullOrWhiteSpace(order.ScoresDirectory))
            {
                errors.Add(new("Mixture.Order.ScoresDirectory", "Give the folder of the strategy's scores."));
            }

            if (!(order.DropBottomFraction is >= 0.0 and <= 0.95))
            {
                errors.Add(new("Mixture.Order.DropBottomFraction", $"Drop between 0 and 0.95 of the ranking, not {order.DropBottomFraction}."));
            }
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every error, if there is any.</summary>
    public static void ThrowIfInvalid(RunConfig config)
    {
        var errors = Validate(config);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid run configuration: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(config));
        }
    }

    private static void ReferenceRules(RunConfig config, List<RunConfigError> errors)
    {
        if (!Enum.IsDefined(config.References))
        {
            errors.Add(new("References", $"Unknown reference choice ({(int)config.References}); use one or all."));
        }
        else if (config.References == TestReferences.All)
        {
            if (TestReferenceCheck.Problem(config.CorpusId) is { } problem)
            {
                errors.Add(new("References", problem));
            }
            else if (config.Reverse)
            {
                errors.Add(new("References", "A reverse (English→German) run is scored against the German sources, of which there is one; use one."));
            }
        }
    }

    private static bool IsDeviceSpecification(string device)
    {
        var spec = device.Trim().ToLowerInvariant();
        return spec is "auto" or "cpu" or "cuda"
            || (spec.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(spec.AsSpan(5), out var index) && index >= 0);
    }

    private static void DecodingRules(DecodingConfig decoding, string prefix, List<RunConfigError> errors)
    {
        if (!Enum.IsDefined(decoding.Strategy))
        {
            errors.Add(new(prefix + "Strategy", $"Unknown decoding strategy '{decoding.Strategy}': use Greedy or Beam."));
        }

        if (!double.IsFinite(decoding.LengthPenalty))
        {
            errors.Add(new(prefix + "LengthPenalty", "The length penalty must be a finite number."));
        }
    }

    private static void Annotations(object section, string prefix, List<RunConfigError> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add(new(prefix + member, result.ErrorMessage ?? "Invalid value."));
            }
        }
    }

    // Parts restate themselves in the shares and aligned sets, so that code reading only those (loading the sets,
    // labels) sees every set the parts draw from.
    private static void ValidateParts(MixtureConfig mixture, List<RunConfigError> errors)
    {
        if (mixture.Parts is not { } parts)
        {
            return;
        }

        if (parts.Count == 0)
        {
            errors.Add(new("Mixture.Parts", "Give at least one part, or leave the parts out."));
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Size < 1)
            {
                errors.Add(new($"Mixture.Parts[{i}].Size", $"A part holds at least one pair, not {part.Size}."));
            }

            if (string.IsNullOrWhiteSpace(part.Slice) || !mixture.AlignWith.Contains(part.Slice, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new($"Mixture.Parts[{i}].Slice", $"The slice '{part.Slice}' must be one of the sets the mixture aligns with."));
            }

            if (!part.IsReal && !mixture.Synthetic.Any(s => s.GeneratorId.Equals(part.Origin, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new($"Mixture.Parts[{i}].Origin", $"The origin '{part.Origin}' must be \"{MixtureComposer.RealOrigin}\" or a generator of the synthetic share."));
            }
        }
    }
}
