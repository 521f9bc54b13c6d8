using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Security;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// The real app with a password, in Chromium: the main pages (a Plotly chart included) run under the
/// Content-Security-Policy without a single violation or console error, and signing out from the app bar ends the
/// session in every tab and for every copy of the cookie: a tab that ignores the redirect loses its circuit, and a copy
/// of the cookie stays refused after a restart.
/// </summary>
public sealed class RemoteSessionEndToEndTests : BrowserTestBase
{
    private const string Password = "correct horse battery staple";
    private const float Slow = 30_000;

    /// <summary>Records every CSP violation in the page, before any of the page's own scripts run.</summary>
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task The_main_pages_run_under_the_content_security_policy_and_signing_out_ends_the_session_everywhere()
    {
        var runId = await SeedRunAsync();
        var environment = new Dictionary<string, string>
        {
            ["Regurgitate__Security__AllowRemote"] = "true",
            ["Regurgitate__Security__SharedPassword"] = Password,
        };
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment);
        var problems = new List<string>();
        try
        {
            var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await context.AddInitScriptAsync(ViolationRecorder);
            var page = await context.NewPageAsync();
            Watch(page, "main", problems);

            await page.GotoAsync(new Uri(app.BaseAddress, "/runs").ToString());
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/runs$"));

            foreach (var path in new[] { "/runs", "/experiments", "/datasets", "/runs/new", "/analysis", "/no-such-page" })
            {
                await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
                await page.Locator("h1").First.WaitForAsync(new() { Timeout = Slow });
                problems.AddRange((await page.EvaluateAsync<string[]>("() => window.__cspViolations")).Select(v => $"{path}: {v}"));
            }

            await page.GotoAsync(new Uri(app.BaseAddress, $"/runs/{runId}").ToString());
            await Assertions.Expect(page.Locator(".js-plotly-plot .scatterlayer .trace").First).ToBeVisibleAsync(new() { Timeout = Slow });
            problems.AddRange((await page.EvaluateAsync<string[]>("() => window.__cspViolations")).Select(v => $"/runs/{runId}: {v}"));

            var cookies = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
            var other = await context.NewPageAsync();
            await other.GotoAsync(new Uri(app.BaseAddress, "/experiments").ToString());
            await Assertions.Expect(other.Locator("h1").First).ToHaveTextAsync("Experiments", new() { Timeout = Slow });

            await page.GetByTestId("sign-out").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
            // The other tab's circuit hears that its session ended and leaves for the login page.
            await Assertions.Expect(other).ToHaveURLAsync(new Regex("/login"), new() { Timeout = Slow });

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/experiments");
            request.Headers.Add("Cookie", cookies);
            using var copy = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
            Assert.StartsWith("/login", copy.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nproblems: {string.Join("\n", problems)}\n--- web app output ---\n{app.Output}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_tab_that_ignores_the_redirect_loses_its_circuit_and_a_signed_out_cookie_stays_refused_after_a_restart()
    {
        await Database.MigrateAsync();
        var environment = new Dictionary<string, string>
        {
            ["Regurgitate__Security__AllowRemote"] = "true",
            ["Regurgitate__Security__SharedPassword"] = Password,
        };
        string signedOutCookies;
        string otherSessionCookies;
        await using (var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment))
        {
            try
            {
                var context = await Chromium.NewContextAsync();
                var page = await context.NewPageAsync();
                await SignInAsync(page, app, "/experiments");
                signedOutCookies = await CookieHeaderAsync(context);

                // Tab B answers every load of the login page with "204 No Content", so the browser stays on the page:
                // a page that ignores the redirect, as a tampered client would.
                var stubborn = await context.NewPageAsync();
                var stubbornConsole = new List<string>();
                stubborn.Console += (_, message) =>
                {
                    lock (stubbornConsole)
                    {
                        stubbornConsole.Add(message.Text);
                    }
                };
                await stubborn.GotoAsync(new Uri(app.BaseAddress, "/experiments").ToString());
                await Assertions.Expect(stubborn.Locator("h1").First).ToHaveTextAsync("Experiments", new() { Timeout = Slow });
                await stubborn.RouteAsync("**/login**", route => route.FulfillAsync(new() { Status = 204 }));
                var themeToggle = stubborn.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" });
                await themeToggle.ClickAsync();
                await Assertions.Expect(stubborn.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync(new() { Timeout = Slow });

                var otherContext = await Chromium.NewContextAsync();
                await SignInAsync(await otherContext.NewPageAsync(), app, "/experiments");
                otherSessionCookies = await CookieHeaderAsync(otherContext);

                await page.GetByTestId("sign-out").ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));

                // The server closes tab B's circuit (after the grace period) although the page stayed: the server logs why,
                // and the framework tells the page that its circuit is terminated.
                bool Terminated()
                {
                    lock (stubbornConsole)
                    {
                        return stubbornConsole.Any(m => m.Contains("circuit", StringComparison.OrdinalIgnoreCase));
                    }
                }

                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while (DateTime.UtcNow < deadline && !(Terminated() && app.Output.Contains(nameof(SessionEndedException), StringComparison.Ordinal)))
                {
                    await Task.Delay(200);
                }

                Assert.Contains(nameof(SessionEndedException), app.Output, StringComparison.Ordinal);
                Assert.True(Terminated(), "tab B console: " + string.Join("\n", stubbornConsole));
                Assert.EndsWith("/experiments", stubborn.Url, StringComparison.Ordinal);

                // Clicks no longer reach the server: the theme stays as it was.
                // Clicked from script: Playwright's own click would wait for the login page load the page never finishes.
                await stubborn.EvaluateAsync("() => document.querySelector('button[aria-label=\"Switch to light theme\"]').click()");
                await Task.Delay(1_000);
                Assert.Equal(1, await stubborn.EvaluateAsync<int>("() => document.querySelectorAll('button[aria-label=\"Switch to light theme\"]').length"));
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
            }
        }

        await using var restarted = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = restarted.BaseAddress };
        using (var copy = await GetWithCookiesAsync(http, signedOutCookies))
        {
            Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
            Assert.StartsWith("/login", copy.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        // The control: a session that was not signed out survives the restart, so the refusal above is the sign-out's.
        using var other = await GetWithCookiesAsync(http, otherSessionCookies);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static async Task SignInAsync(IPage page, WebAppProcess app, string path)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
    }

    private static async Task<string> CookieHeaderAsync(IBrowserContext context) =>
        string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

    private static async Task<HttpResponseMessage> GetWithCookiesAsync(HttpClient http, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/experiments");
        request.Headers.Add("Cookie", cookies);
        return await http.SendAsync(request);
    }

    private static void Watch(IPage page, string name, List<string> problems)
    {
        page.Console += (_, message) =>
        {
            // The not-found page is visited on purpose; its 404 is the one expected error.
            if (message.Type == "error" && !message.Location.StartsWith(new Uri(page.Url).GetLeftPart(UriPartial.Authority) + "/no-such-page", StringComparison.Ordinal))
            {
                lock (problems)
                {
                    problems.Add($"{name} console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"{name} page error: {error}");
            }
        };
    }

    private async Task<int> SeedRunAsync()
    {
        await Database.MigrateAsync();
        await using var context = await Database.Factory.CreateDbContextAsync();
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var experiment = new Experiment { Name = "csp-e2e", CreatedAt = start };
        context.Experiments.Add(experiment);
        await context.SaveChangesAsync();
        var run = new Run
        {
            ExperimentId = experiment.Id, ConfigJson = """{"corpusId":"multi30k","seed":1}""", CorpusId = "multi30k", Condition = "real",
            TrainSize = 1000, Seed = 1, Status = RunStatus.Completed, MaxSteps = 30, LastStep = 30, CreatedAt = start, StartedAt = start,
        };
        for (var step = 1; step <= 30; step++)
        {
            run.MetricPoints.Add(new MetricPoint { Step = step, Name = MetricNames.TrainLoss, Value = 8.0 / step, Timestamp = start.AddSeconds(step) });
        }

        context.Runs.Add(run);
        await context.SaveChangesAsync();
        return run.Id;
    }
}
