using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace Regurgitate.Cli.Tests;

/// <summary>
/// A key set with <c>dotnet user-secrets</c> reaches the command line. The CLI runs as a child process whose HOME is a
/// temporary folder, so the test's secrets store is its own and the developer's real one is never read or written.
/// </summary>
public sealed class UserSecretsTests : IAsyncLifetime
{
    private const string SecretKey = "sk-from-user-secrets-4f1c";
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-cli-secrets-").FullName;
    private readonly FakeChatServer server = new(_ => FakeReply.Success("English: \"Hello.\""));

    private string Home => Path.Combine(root, "home");

    private string ContentRoot => Path.Combine(root, "content");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(ContentRoot);
        var settings = new
        {
            Regurgitate = new
            {
                Data = new { DataDirectory = SharedFolders.Data },
                Llm = new { Endpoint = server.Root.ToString(), Provider = "AzureOpenAI", Model = "gpt-test", MaxConcurrency = 1 },
            },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        };
        return File.WriteAllTextAsync(Path.Combine(ContentRoot, "appsettings.json"), JsonSerializer.Serialize(settings));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_command_line_and_the_dashboard_share_one_user_secrets_id()
    {
        var web = XDocument.Load(Path.Combine(RepositoryRoot(), "Regurgitate.Web", "Regurgitate.Web.csproj"));
        var webId = web.Descendants("UserSecretsId").Single().Value;

        Assert.Equal(webId, CliSecretsId());
    }

    [Fact]
    public async Task An_api_key_set_with_dotnet_user_secrets_is_sent_by_generate()
    {
        var (withoutCode, _, withoutError) = await RunCliAsync("generate", "--corpus", "wmt22", "--limit", "1", "--id", "llm/secret", "--content-root", ContentRoot);
        Assert.Equal(2, withoutCode);
        Assert.Contains("Regurgitate:Llm:ApiKey is not set", withoutError, StringComparison.Ordinal);

        var (setCode, setOutput, setError) = await RunAsync("dotnet", ["user-secrets", "set", "Regurgitate:Llm:ApiKey", SecretKey, "--id", CliSecretsId()]);
        Assert.True(setCode == 0, setOutput + setError);
        Assert.True(File.Exists(Path.Combine(Home, ".microsoft", "usersecrets", CliSecretsId(), "secrets.json")), "the secret should be in the temporary HOME's store");

        var (code, output, error) = await RunCliAsync("generate", "--corpus", "wmt22", "--limit", "1", "--id", "llm/secret", "--content-root", ContentRoot);

        Assert.True(code == 0, output + error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(SecretKey, request.ApiKeyHeader);
        Assert.DoesNotContain(SecretKey, output + error, StringComparison.Ordinal);
    }

    private static string CliSecretsId() =>
        typeof(CliApp).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId
        ?? throw new InvalidOperationException("regurgitate has no UserSecretsId.");

    private Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory.Replace("Regurgitate.Cli.Tests", "Regurgitate.Cli", StringComparison.Ordinal), "regurgitate.dll");
        return RunAsync("dotnet", [cli, .. args]);
    }

    /// <summary>Runs a child process whose secrets store is under the test's HOME (APPDATA, which takes precedence when set, is removed).</summary>
    private async Task<(int Code, string Output, string Error)> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = Home;
        start.Environment.Remove("APPDATA");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("Regurgitate__Llm__ApiKey");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Regurgitate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Regurgitate.sln not found above the test assembly.");
    }
}
