using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Scores a fine-tuned model: it translates the experiment's test set through the LLM generator (so every request is
/// cached and journalled, and a rerun pays only for what is missing) and the translations are scored with the
/// sacreBLEU-exact BLEU and chrF against the human references. The generator's endpoint, key, retries and prices
/// come from <c>Regurgitate:Llm</c>; its model is the fine-tuned model (or the Azure deployment named by
/// <see cref="HostedFineTuningOptions.EvaluationDeploymentPattern"/>), and its prompts are the ones the model was
/// fine-tuned with, at temperature 0 and one sample, so the score measures the model and not the sampling.
/// </summary>
public static class HostedEvaluator
{
    /// <summary>The model or deployment name a result is evaluated with.</summary>
    public static string Deployment(HostedFineTuningOptions options, HostedFineTuningResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        return options.EvaluationDeploymentPattern
            .Replace(HostedFineTuningOptions.ModelPlaceholder, result.FineTunedModel, StringComparison.Ordinal)
            .Replace(HostedFineTuningOptions.JobPlaceholder, result.JobId, StringComparison.Ordinal);
    }

    /// <summary>The generator configuration for <paramref name="deployment"/>: <paramref name="chat"/>'s connection, the fine-tuning prompts.</summary>
    public static LlmGeneratorOptions GeneratorOptions(HostedFineTuningOptions options, LlmGeneratorOptions chat, string deployment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chat);
        return new LlmGeneratorOptions
        {
            Endpoint = chat.Endpoint, Provider = chat.Provider, ApiKey = chat.ApiKey, Model = deployment,
            GeneratorId = "hosted/" + deployment, Family = chat.Family,
            PromptTemplate = options.PromptTemplate, SystemPrompt = options.SystemPrompt,
            Temperature = 0, SamplesPerSource = 1, Seed = chat.Seed, MaxOutputTokens = chat.MaxOutputTokens,
            MaxConcurrency = chat.MaxConcurrency, MaxRetries = chat.MaxRetries, RequestTimeout = chat.RequestTimeout,
            InitialRetryDelay = chat.InitialRetryDelay, MaxRetryDelay = chat.MaxRetryDelay,
            PricePer1kInputTokens = chat.PricePer1kInputTokens, PricePer1kOutputTokens = chat.PricePer1kOutputTokens, Budget = chat.Budget,
        };
    }

    /// <summary>Scores the fine-tuned model of <paramref name="result"/> (its deployment by <see cref="Deployment"/>).</summary>
    /// <param name="directory">The experiment's folder; each deployment's journal goes in its own <c>evaluation/…</c> subfolder.</param>
    public static Task<HostedEvaluationResult> EvaluateAsync(
        HostedFineTuningOptions options,
        LlmGeneratorOptions chat,
        HostedFineTuningResult result,
        IReadOnlyList<SentencePair> test,
        string directory,
        ILogger<LlmGenerator>? logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return EvaluateDeploymentAsync(options, chat, result.Label, Deployment(options, result), test, directory, logger, cancellationToken);
    }

    /// <summary>Scores any deployment with the fine-tuning prompts: a fine-tuned model, or the base model (the size-0 point).</summary>
    public static async Task<HostedEvaluationResult> EvaluateDeploymentAsync(
        HostedFineTuningOptions options,
        LlmGeneratorOptions chat,
        string label,
        string deployment,
        IReadOnlyList<SentencePair> test,
        string directory,
        ILogger<LlmGenerator>? logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var generationDirectory = Path.Combine(directory, "evaluation", FolderName(deployment));
        var generator = new LlmGenerator(GeneratorOptions(options, chat, deployment), generationDirectory, logger);
        var sources = test.Select((pair, i) => new SourceSegment(i, pair.Source)).ToList();
        var hypotheses = new string[test.Count];
        var failed = 0;
        await foreach (var translation in generator.GenerateAsync(sources, null, cancellationToken).ConfigureAwait(false))
        {
            hypotheses[translation.SourceIndex] = translation.Text ?? "";
            failed += translation.Succeeded ? 0 : 1;
        }

        IReadOnlyList<IReadOnlyList<string?>> references = [test.Select(p => (string?)p.Target).ToList()];
        var list = hypotheses.Select(h => h ?? "").ToList();
        var cost = LlmJournal.Read(generationDirectory).Sum(e => e.Cost);
        return new HostedEvaluationResult(
            label, deployment, new BleuMetric().CorpusScore(list, references), new ChrFMetric().CorpusScore(list, references),
            test.Count, failed, cost, generationDirectory)
        {
            Hypotheses = list,
        };
    }

    /// <summary>A file-system-safe, still readable folder name (fine-tuned model names hold ':'), made unique by a hash.</summary>
    private static string FolderName(string deployment)
    {
        var safe = new StringBuilder();
        foreach (var c in deployment)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deployment)))[..8];
        return string.Create(CultureInfo.InvariantCulture, $"{(safe.Length > 60 ? safe.ToString(0, 60) : safe)}-{hash}");
    }
}
