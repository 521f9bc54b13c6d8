using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>The real app in a child process: secrets stay out of every artefact, and serving beyond loopback needs a login.</summary>
public sealed class SecurityEndToEndTests : BrowserTestBase
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_LLM_api_key_appears_in_no_database_file_log_artefact_or_page()
    {
        var canary = "sk-canary-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            ["Regurgitate__Llm__ApiKey"] = canary,
            ["Regurgitate__Llm__Provider"] = "OpenAICompatible",
            ["Regurgitate__Llm__Endpoint"] = "http://127.0.0.1:9/v1",
            ["Regurgitate__Llm__Model"] = "canary-model",
            ["Logging__LogLevel__Default"] = "Debug",
        };
        var pages = new List<(string Path, string Html)>();
        string output;
        await using (var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment))
        {
            try
            {
                var page = await Chromium.NewPageAsync();
                foreach (var path in new[] { "/runs", "/runs/new", "/datasets", "/experiments", "/experiments/new", "/no-such-page", "/runs/999999" })
                {
                    await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
                    await page.Locator("h1").First.WaitForAsync();
                    pages.Add((path, await page.ContentAsync()));
                }

                using var http = new HttpClient { BaseAddress = app.BaseAddress };
                pages.Add(("/not-found (raw)", await http.GetStringAsync(new Uri("/not-found", UriKind.Relative))));
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
            }

            output = app.Output;
        }

        Assert.Contains(pages, p => p.Html.Contains("Not found", StringComparison.Ordinal));
        Assert.True(File.Exists(DatabaseFile), "the app should have created its database");
        Assert.DoesNotContain(canary, output, StringComparison.Ordinal);
        foreach (var (path, html) in pages)
        {
            Assert.False(html.Contains(canary, StringComparison.Ordinal), $"page {path} contains the API key");
        }

        var searched = FilesContaining(Database.Folder, canary, out var count);
        Assert.True(count > 0);
        Assert.Empty(searched);
        var webAppData = Path.Combine(RepositoryPaths.WebProject, "App_Data");
        if (Directory.Exists(webAppData))
        {
            Assert.Empty(FilesContaining(webAppData, canary, out _));
        }
    }

    [Fact]
    public async Task On_all_interfaces_with_a_password_every_page_needs_a_login_and_only_the_right_password_opens_it()
    {
        var environment = new Dictionary<string, string>
        {
            ["Regurgitate__Security__AllowRemote"] = "true",
            ["Regurgitate__Security__SharedPassword"] = Password,
        };
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment, listenHost: "0.0.0.0");
        try
        {
            using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress })
            {
                using var experiments = await http.GetAsync(new Uri("/experiments", UriKind.Relative));
                Assert.Equal(HttpStatusCode.Redirect, experiments.StatusCode);
                Assert.StartsWith("/login", experiments.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

                using var forged = await http.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("password", Password)]));
                Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            }

            var page = await Chromium.NewPageAsync();
            await page.GotoAsync(new Uri(app.BaseAddress, "/experiments").ToString());
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
            await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();

            await page.GetByLabel("Password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong password.");
            Assert.DoesNotContain(Password, await page.ContentAsync(), StringComparison.Ordinal);

            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/experiments$"));
            await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("Experiments");
            Assert.DoesNotContain(Password, app.Output, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_all_interfaces_without_a_password_the_app_refuses_to_start_and_names_the_settings(bool allowRemote)
    {
        var environment = allowRemote ? new Dictionary<string, string> { ["Regurgitate__Security__AllowRemote"] = "true" } : null;

        var (exitCode, output) = await WebAppProcess.RunUntilExitAsync(DatabaseFile, RunsDirectory, environment, "0.0.0.0", TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Regurgitate:Security:AllowRemote", output, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Security:SharedPassword", output, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", output, StringComparison.Ordinal);
    }

    /// <summary>Every file under the folder whose bytes hold the text as UTF-8 or UTF-16.</summary>
    private static List<string> FilesContaining(string folder, string text, out int searched)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var utf16 = Encoding.Unicode.GetBytes(text);
        var hits = new List<string>();
        searched = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            searched++;
            if (bytes.AsSpan().IndexOf(utf8) >= 0 || bytes.AsSpan().IndexOf(utf16) >= 0)
            {
                hits.Add(file);
            }
        }

        return hits;
    }
}
