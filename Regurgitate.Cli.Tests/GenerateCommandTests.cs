using System.Text.Json;

namespace Regurgitate.Cli.Tests;

public sealed class GenerateCommandTests : IAsyncLifetime
{
    private const string CanaryKey = "sk-canary-cli-5d1e8a7b";
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-cli-generate-").FullName;
    private readonly FakeChatServer server = new(request => FakeReply.Success($"English: \"EN {request.UserMessage.Length}\""));

    public Task InitializeAsync()
    {
        var settings = new
        {
            Regurgitate = new
            {
                Data = new { DataDirectory = SharedFolders.Data },
                Llm = new { Endpoint = server.Root.ToString(), Provider = "AzureOpenAI", Model = "gpt-test", ApiKey = CanaryKey, MaxConcurrency = 2, PricePer1kInputTokens = 0.5, PricePer1kOutputTokens = 1.5 },
            },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        };
        return File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(settings));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Generates_a_stored_dataset_resumes_without_paying_twice_and_never_writes_the_key()
    {
        var (estimateCode, estimate, _) = await RunAsync("generate", "--corpus", "wmt22", "--limit", "12", "--id", "llm/fake", "--estimate", "--content-root", root);
        Assert.Equal(0, estimateCode);
        Assert.Contains("12 requests to send (0 already journalled)", estimate);
        Assert.Empty(server.Requests);

        var (code, output, error) = await RunAsync("generate", "--corpus", "wmt22", "--limit", "12", "--id", "llm/fake", "--content-root", root);
        Assert.True(code == 0, error);
        Assert.Contains("Stored llm/fake: 12 translations, 0 failures", output);
        var stored = Path.Combine(root, "App_Data", "datasets", "llm", "fake", "targets.jsonl");
        var lines = await File.ReadAllLinesAsync(stored);
        Assert.Equal(13, lines.Length); // descriptor + 12 targets
        Assert.All(lines.Skip(1), l => Assert.Contains("\"text\":\"EN ", l));
        var requests = server.Requests.Count;
        Assert.Equal(12, requests);

        var (again, againOutput, _) = await RunAsync("generate", "--corpus", "wmt22", "--limit", "12", "--id", "llm/fake", "--content-root", root);
        Assert.Equal(0, again);
        Assert.Contains("(12 already journalled)", againOutput);
        Assert.Equal(requests, server.Requests.Count);

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "App_Data"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(CanaryKey, await File.ReadAllTextAsync(file));
        }
    }

    [Fact]
    public async Task A_missing_endpoint_setting_is_named_and_nothing_is_sent()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(new { Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } } }));

        var (code, _, error) = await RunAsync("generate", "--corpus", "wmt22", "--limit", "3", "--content-root", root);

        Assert.Equal(2, code);
        Assert.Contains("Regurgitate:Llm:Endpoint", error);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("../escape", "part starting with '.'")]
    [InlineData("llm/../../outside", "part starting with '.'")]
    [InlineData("/tmp/absolute", "empty part")]
    [InlineData("llm\\windows", "contains '\\'")]
    [InlineData("llm/a b", "contains ' '")]
    [InlineData("llm/c:d", "contains ':'")]
    [InlineData("llm/tab\there", "contains '\\u0009'")]
    public async Task A_bad_dataset_id_is_refused_before_any_request(string id, string reason)
    {
        var (code, output, error) = await RunAsync("generate", "--corpus", "wmt22", "--limit", "3", "--id", id, "--content-root", root);

        Assert.Equal(2, code);
        Assert.StartsWith("--id: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(Path.Combine(root, "App_Data", "datasets", "generations")), "nothing may be journalled");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
