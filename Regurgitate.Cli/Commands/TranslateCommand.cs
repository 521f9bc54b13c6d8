using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Storage;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate translate (--run ID | --checkpoint PATH --tokenizer DIR --model-config JSON) -i SRC -o OUT</c>:
/// translates a file with a trained model, batched, with progress, so that any model can be scored against any test
/// set (as fairseq-generate does). Writes to a temporary file and renames it, so a failed run leaves no partial output.
/// </summary>
public static class TranslateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var run = new Option<int?>("--run") { Description = "Id of a run in the dashboard's database (its latest checkpoint is used)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A checkpoint file (.pt) instead of a run." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "With --checkpoint: the tokenizer folder (vocab.json, merges.txt); default: ../tokenizer next to the checkpoints folder." };
        var config = new Option<string?>("--config") { Description = "With --checkpoint: the run's config.json; default: ../config.json next to the checkpoints folder." };
        var input = new Option<string>("--input", "-i") { Description = "German sources, one per line (plain or .gz).", Required = true };
        var outputFile = new Option<string>("--output", "-o") { Description = "Where to write the English translations.", Required = true };
        var beam = new Option<int>("--beam") { Description = "Beam size; 1 decodes greedily (default: 5).", DefaultValueFactory = _ => 5 };
        var lengthPenalty = new Option<double>("--length-penalty") { Description = "Length normalisation exponent (default: 1).", DefaultValueFactory = _ => 1.0 };
        var batch = new Option<int>("--batch") { Description = "Sentences per batch (default: 64).", DefaultValueFactory = _ => 64 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N (default: auto).", DefaultValueFactory = _ => "auto" };
        var contentRoot = ContentRootOption.Create();

        var command = new Command("translate", "Translate a file with a trained model.");
        foreach (var option in new Option[] { run, checkpoint, tokenizer, config, input, outputFile, beam, lengthPenalty, batch, device, contentRoot })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var decoding = (parse.GetValue(beam) <= 1 ? DecodingConfig.Greedy : DecodingConfig.Beam(parse.GetValue(beam))) with
                {
                    LengthPenalty = parse.GetValue(lengthPenalty),
                    SentencesPerBatch = parse.GetValue(batch),
                };
                using var model = await LoadAsync(parse.GetValue(run), parse.GetValue(checkpoint), parse.GetValue(tokenizer), parse.GetValue(config), parse.GetValue(contentRoot), parse.GetValue(device)!, cancellationToken);
                var sources = await TextLines.ReadAllAsync(parse.GetValue(input)!, cancellationToken);
                await error.WriteLineAsync($"Translating {sources.Count:N0} sentences with {model.Checkpoint} ({decoding.Describe()}) on {model.Device}");
                var clock = Stopwatch.StartNew();
                var last = TimeSpan.Zero;
                var progress = new SynchronousProgress<double>(fraction =>
                {
                    if (clock.Elapsed - last < TimeSpan.FromSeconds(2) && fraction < 1)
                    {
                        return;
                    }

                    last = clock.Elapsed;
                    var eta = fraction > 0 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
                    error.WriteLine($"  {fraction,6:P1}  elapsed {clock.Elapsed:mm\\:ss}{(eta is { } e ? $"  eta {e:mm\\:ss}" : "")}");
                });
                var translations = await Task.Run(() => model.Translate(sources, decoding, progress, cancellationToken), cancellationToken);
                var path = Path.GetFullPath(parse.GetValue(outputFile)!);
                await AtomicFile.WriteAsync(path, async (stream, token) =>
                {
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                    foreach (var translation in translations)
                    {
                        await writer.WriteLineAsync(translation.AsMemory(), token);
                    }
                }, cancellationToken);
                await error.WriteLineAsync($"Wrote {translations.Count:N0} translations to {path} in {clock.Elapsed.TotalSeconds:0.0} s ({translations.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):0.0} sentences/s)");
                return 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CorpusFormatException or ArgumentException or InvalidDataException or InvalidOperationException)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static async Task<TrainedModel> LoadAsync(int? runId, string? checkpoint, string? tokenizer, string? configFile, string? contentRootOption, string device, CancellationToken cancellationToken)
    {
        if ((runId is null) == (checkpoint is null))
        {
            throw new ArgumentException("Give exactly one of --run ID and --checkpoint PATH.");
        }

        if (runId is { } id)
        {
            // The run's own folder only: one left at that id by another database is set aside, not translated with.
            using var host = WorkbenchHost.Build(WorkbenchHost.ResolveContentRoot(contentRootOption), LogLevel.Warning);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var directory = await host.Services.GetRequiredService<ArtifactFolders>().VerifyRunAsync(id, cancellationToken);
            return TrainedModel.FromRunDirectory(directory, device);
        }

        var checkpointsFolder = Path.GetDirectoryName(Path.GetFullPath(checkpoint!))!;
        var runFolder = Path.GetDirectoryName(checkpointsFolder)!;
        var configPath = configFile ?? Path.Combine(runFolder, TrainedModel.ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"The model's configuration '{configPath}' does not exist; pass --config.", configPath);
        }

        var runConfig = System.Text.Json.JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(configPath), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"'{configPath}' is not a run configuration.");
        return TrainedModel.FromCheckpoint(checkpoint!, tokenizer ?? Path.Combine(runFolder, TrainedModel.TokenizerFolderName), runConfig.Model, device);
    }
}
