using System.Text.Json;
using Regurgitate.Engine.Hosted;

namespace Regurgitate.Cli.Tests;

/// <summary><c>regurgitate run</c> of a spec with a <c>hosted</c> section, against the fake files/fine-tuning/chat server.</summary>
public sealed class HostedRunCommandTests : IDisposable
{
    private const string Key = "sk-canary-cli-hosted-41c7";

    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-hosted-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Run_prints_the_estimate_fine_tunes_the_grid_prints_the_curve_and_a_rerun_creates_nothing()
    {
        await using var server = new FakeOpenAiServer();
        // Fine-tuned models answer with the German source (some overlap with the reference); the base model with nothing useful.
        server.Chat = call => FakeReply.Success(Model(call.Body).StartsWith("ft:", StringComparison.Ordinal) ? "A man is walking." : "no");
        await WriteSettingsAsync(server);
        var spec = await WriteSpecAsync();

        var (code, printed, errors) = await Run(spec);

        Assert.True(code == 0, printed + errors);
        Assert.StartsWith("Hosted fine-tuning experiment 'toy hosted': 2 jobs of gpt-35-turbo-0125 (0 already journalled jobs); estimated ", printed, StringComparison.Ordinal);
        Assert.Contains("budget none", printed, StringComparison.Ordinal);
        Assert.Contains("real · 16 pairs · seed 1: job ftjob-", printed, StringComparison.Ordinal);
        Assert.Contains("Test BLEU by training size (mean over seeds; size 0 is gpt-35-turbo-0125 before fine-tuning):", printed, StringComparison.Ordinal);
        Assert.Matches(@"real\s+0\.00\s+\d+\.\d\d\s+\d+\.\d\d", printed);
        Assert.Equal(2, server.JobsCreated);
        Assert.All(server.Jobs, j => Assert.Equal(2, (int?)j.Request["hyperparameters"]!["n_epochs"]));

        var (again, rerun, _) = await Run(spec);

        Assert.Equal(0, again);
        Assert.Contains("(2 already journalled jobs)", rerun, StringComparison.Ordinal);
        Assert.Equal(2, server.JobsCreated);
        Assert.Equal(2, server.Uploads);
        foreach (var file in Directory.EnumerateFiles(dir, "*.jsonl", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Key, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_dry_run_prints_the_estimate_and_leaves_no_journal_behind()
    {
        await using var server = new FakeOpenAiServer();
        await WriteSettingsAsync(server);
        var spec = await WriteSpecAsync();

        var (code, printed, errors) = await Run(spec, "--dry-run");

        Assert.True(code == 0, printed + errors);
        Assert.StartsWith("Hosted fine-tuning experiment 'toy hosted': 2 jobs of gpt-35-turbo-0125 (0 already journalled jobs); estimated ", printed, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(dir, HostedJournal.FileName, SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateDirectories(dir, "hosted-*", SearchOption.AllDirectories));
        Assert.Empty(server.Calls);
    }

    [Fact]
    public async Task A_hosted_spec_without_a_configured_provider_is_refused_with_the_keys_to_set()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
        }));
        var spec = Path.Combine(dir, "hosted.json");
        await File.WriteAllTextAsync(spec, """{ "name": "unconfigured", "corpusId": "multi30k", "sizes": [16], "realFractions": [1], "seeds": [1], "hosted": { "baseModel": "gpt-35-turbo-0125" } }""");

        var (code, _, errors) = await Run(spec);

        Assert.Equal(2, code);
        Assert.Contains("Regurgitate:HostedFineTuning:Endpoint", errors, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Llm:ApiKey", errors, StringComparison.Ordinal);
    }

    private async Task WriteSettingsAsync(FakeOpenAiServer server)
    {
        var endpoint = new Uri(server.Root, "v1").ToString();
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new
            {
                Data = new { DataDirectory = SharedFolders.Data },
                HostedFineTuning = new
                {
                    Endpoint = endpoint, Provider = "OpenAICompatible", ApiKey = Key, PricePer1MTrainingTokens = 8,
                    PollInterval = "00:00:00.005", InitialRetryDelay = "00:00:00", MaxRetryDelay = "00:00:00.010",
                },
                Llm = new { Endpoint = endpoint, Provider = "OpenAICompatible", ApiKey = Key, InitialRetryDelay = "00:00:00", MaxRetryDelay = "00:00:00.010" },
            },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
    }

    private async Task<string> WriteSpecAsync()
    {
        var spec = Path.Combine(dir, "hosted.json");
        await File.WriteAllTextAsync(spec, """
            {
              "name": "toy hosted", "corpusId": "multi30k", "devSize": 8, "testSize": 8, "sizes": [16, 32],
              "realFractions": [1], "seeds": [1],
              "hosted": { "baseModel": "gpt-35-turbo-0125", "epochs": 2, "learningRateMultiplier": 0.5 }
            }
            """);
        return spec;
    }

    private async Task<(int Code, string Output, string Error)> Run(string spec, params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", spec, "--content-root", dir, .. options], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Model(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("model").GetString() ?? "";
    }
}
