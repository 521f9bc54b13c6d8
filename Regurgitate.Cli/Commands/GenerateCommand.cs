using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Progress;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate generate --spec spec.json --id llm/NAME</c>: translates an experiment's sources (or a corpus's
/// training pool) with the configured LLM endpoint (<c>Regurgitate:Llm</c>) and stores the result as a synthetic
/// dataset that specs can name. Requests are journalled under the generation folder, so running it again resumes and
/// never pays twice; <c>--estimate</c> prints the cost without sending anything.
/// </summary>
public static class GenerateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var spec = new Option<string?>("--spec") { Description = "Translate the sources of this experiment spec (its training pool; with local generators, its experiment sources)." };
        var corpus = new Option<string?>("--corpus") { Description = "Or: translate this catalog corpus's training pool (dev 200 / test 1000 held out, split seed 1)." };
        var id = new Option<string?>("--id") { Description = "Dataset id for the result (default: the LLM settings' GeneratorId, else llm/<model>-t<temperature>)." };
        var limit = new Option<int?>("--limit") { Description = "Translate only the first N sources (in pool order)." };
        var model = new Option<string?>("--model") { Description = "Override Regurgitate:Llm:Model (deployment name for Azure)." };
        var temperature = new Option<double?>("--temperature") { Description = "Override Regurgitate:Llm:Temperature." };
        var budget = new Option<decimal?>("--budget") { Description = "Override Regurgitate:Llm:Budget (stops the generation when reached)." };
        var estimate = new Option<bool>("--estimate") { Description = "Print the estimated requests, tokens and cost, and stop." };
        var contentRoot = ContentRootOption.Create();

        var command = new Command("generate", "Generate synthetic targets for an experiment's sources with an LLM endpoint.");
        foreach (var option in new Option[] { spec, corpus, id, limit, model, temperature, budget, estimate, contentRoot })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(
                    parse.GetValue(spec), parse.GetValue(corpus), parse.GetValue(id), parse.GetValue(limit), parse.GetValue(model), parse.GetValue(temperature),
                    parse.GetValue(budget), parse.GetValue(estimate), parse.GetValue(contentRoot), output, error, cancellationToken);
            }
            catch (Exception ex) when (ex is ExperimentSpecException or OptionsValidationException or IOException or ArgumentException or CorpusFormatException or LlmGenerationAbortedException)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }
            catch (LlmBudgetExceededException ex)
            {
                await error.WriteLineAsync($"{ex.Message} What was generated is journalled; run the command again with a higher --budget to continue.");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string? specFile, string? corpusId, string? id, int? limit, string? model, double? temperature, decimal? budget, bool estimateOnly,
        string? contentRootOption, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if ((specFile is null) == (corpusId is null))
        {
            throw new ArgumentException("Give exactly one of --spec FILE and --corpus ID.");
        }

        var contentRoot = WorkbenchHost.ResolveContentRoot(contentRootOption);
        using var host = WorkbenchHost.Build(contentRoot, LogLevel.Warning);
        var options = Bind(host.Services.GetRequiredService<IConfiguration>(), model, temperature, budget, id);
        if (DatasetId.Problem(options.GeneratorId) is { } problem)
        {
            // Checked before anything is sent: the id becomes a folder under the datasets directory.
            var origin = id is not null ? "--id" : $"{LlmGeneratorOptions.SectionName}:{nameof(LlmGeneratorOptions.GeneratorId)} (or the id made from the model name; pass --id)";
            throw new ArgumentException($"{origin}: {problem}");
        }

        var spec = specFile is null
            ? new ExperimentSpec { Name = "generate", CorpusId = corpusId!, Sizes = [16], RealFractions = [1.0] }
            : ExperimentSpecJson.Parse(await File.ReadAllTextAsync(specFile, cancellationToken), specFile);
        var plan = ExperimentGrid.Expand(spec);
        var sources = await ExperimentSources.SelectAsync(plan, host.Services.GetRequiredService<CorpusLoader>(), cancellationToken);
        var segments = sources.Experiment.Take(limit ?? int.MaxValue).Select((p, i) => new SourceSegment(i, p.Source)).ToList();

        var repository = host.Services.GetRequiredService<SyntheticDatasetRepository>();
        var generationDirectory = Path.Combine(host.Services.GetRequiredService<CorpusCatalog>().DatasetsDirectory, "generations", Safe(options.GeneratorId ?? "llm"));
        var generator = new LlmGenerator(options, generationDirectory);
        var datasetId = generator.Descriptor.Id;
        var cost = generator.Estimate(segments);
        await output.WriteLineAsync(
            $"{datasetId}: {segments.Count:N0} sources; {cost.Requests:N0} requests to send ({cost.Cached:N0} already journalled), ~{cost.InputTokens:N0} input and ~{cost.OutputTokens:N0} output tokens, "
            + $"estimated cost {cost.Cost:0.####} (worst case {cost.WorstCaseCost:0.####}; spent so far {cost.Spent:0.####}{(cost.Budget is { } b ? $"; budget {b:0.####}" : "")}).");
        if (estimateOnly)
        {
            return 0;
        }

        if (!cost.FitsBudget)
        {
            await error.WriteLineAsync("The estimate exceeds the budget; the generation will stop when the budget is reached.");
        }

        var clock = Stopwatch.StartNew();
        TimeSpan? last = null;
        var progress = new SynchronousProgress<GenerationProgress>(p =>
        {
            if (last is { } previous && clock.Elapsed - previous < TimeSpan.FromSeconds(5) && p.Completed < p.Total)
            {
                return;
            }

            last = clock.Elapsed;
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {p.Completed:N0}/{p.Total:N0} done, {p.Failed:N0} failed, cost {p.Cost:0.####}{(p.Remaining is { } r ? $", {r:mm\\:ss} left" : "")}");
        });
        var set = await SyntheticSetBuilder.BuildAsync(generator, segments, progress, cancellationToken);
        await repository.SaveAsync(set, cancellationToken);
        await output.WriteLineAsync($"Stored {datasetId}: {set.SucceededCount:N0} translations, {set.FailedCount:N0} failures ({repository.PathOf(datasetId)}). Name it as a generator id in a spec's syntheticSources.");
        return 0;
    }

    /// <summary>
    /// A fresh options instance bound from configuration (the shared <c>IOptions</c> value must not be mutated), with
    /// the command line's overrides applied.
    /// </summary>
    private static LlmGeneratorOptions Bind(IConfiguration configuration, string? model, double? temperature, decimal? budget, string? id)
    {
        var options = configuration.GetSection(LlmGeneratorOptions.SectionName).Get<LlmGeneratorOptions>() ?? new LlmGeneratorOptions();
        options.Model = model ?? options.Model;
        options.Temperature = temperature ?? options.Temperature;
        options.Budget = budget ?? options.Budget;
        options.GeneratorId = id ?? options.GeneratorId ?? $"llm/{options.Model}-t{options.Temperature.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";
        return options;
    }

    private static string Safe(string id) => string.Join('/', id.Split('/').Select(part => string.Concat(part.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))));
}
