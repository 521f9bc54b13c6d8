using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Regurgitate.Web.Security;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// axe-core on every page of the real app (the list in <see cref="AuditedPages"/>) finds no serious or critical
/// violation, and every page starts with a skip link that a keyboard user reaches with the first Tab. The Workers page
/// is audited again in Workers mode, where it lists workers (a live one with its run, a silent one) instead of a notice.
/// </summary>
public sealed class AccessibilityAuditEndToEndTests : BrowserTestBase
{
    private const float Slow = 60_000;

    [Fact]
    public async Task Every_page_passes_axe_without_serious_or_critical_violations_and_starts_with_a_skip_link()
    {
        var seed = await AuditData.SeedAsync(Database);
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var violations = new List<string>();
            foreach (var audited in AuditedPages.Blazor)
            {
                await page.GotoAsync(new Uri(app.BaseAddress, audited.Address(seed)).ToString());
                await Assertions.Expect(page.Locator(audited.Ready).First).ToBeVisibleAsync(new() { Timeout = Slow });
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                violations.AddRange(await AxeAudit.SeriousViolationsAsync(page));
                violations.AddRange(await SkipLinkProblemsAsync(page));
            }

            Assert.True(violations.Count == 0, string.Join('\n', violations));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [Fact]
    public async Task The_sign_in_page_passes_axe_without_serious_or_critical_violations()
    {
        await Database.MigrateAsync();
        var environment = new Dictionary<string, string>
        {
            ["Regurgitate__Security__AllowRemote"] = "true",
            ["Regurgitate__Security__SharedPassword"] = "correct horse battery staple",
        };
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment);
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, LoginEndpoints.LoginPath).ToString());
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();

        var violations = await AxeAudit.SeriousViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public async Task The_workers_page_in_workers_mode_with_a_live_and_a_silent_worker_passes_axe()
    {
        var connectionString = PostgreSqlTestServer.Shared.CreateDatabase();
        try
        {
            // The entries workers' registries write; the live one's heartbeat interval is long enough to stay live through the app's start.
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true });
            var live = Options.Create(new DispatchOptions { Mode = DispatchMode.Workers, Devices = "cuda:0,cuda:1", WorkerHeartbeatInterval = TimeSpan.FromMinutes(5) });
            new WorkerRegistry(storage, RunOwner.ForThisProcess(TimeProvider.System), new WorkerDevices(live), live, TimeProvider.System, NullLogger<WorkerRegistry>.Instance).RunStarted(7);
            var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
            var silent = Options.Create(new DispatchOptions { Mode = DispatchMode.Workers, Devices = "cpu" });
            new WorkerRegistry(storage, RunOwner.ForThisProcess(past), new WorkerDevices(silent), silent, past, NullLogger<WorkerRegistry>.Instance).RunStarted(9);

            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Regurgitate"] = connectionString,
                ["Regurgitate__Database__Provider"] = "PostgreSql",
                ["Regurgitate__Dispatch__Mode"] = "Workers",
            };
            await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, environment);
            try
            {
                var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                await page.GotoAsync(new Uri(app.BaseAddress, "/workers").ToString());
                await Assertions.Expect(page.Locator("[data-testid=worker-row]")).ToHaveCountAsync(2, new() { Timeout = Slow });
                await Assertions.Expect(page.GetByText("silent", new() { Exact = true })).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

                var violations = new List<string>(await AxeAudit.SeriousViolationsAsync(page));
                violations.AddRange(await SkipLinkProblemsAsync(page));

                Assert.True(violations.Count == 0, string.Join('\n', violations));
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
            }
        }
        finally
        {
            PostgreSqlTestServer.Shared.DropDatabase(connectionString);
        }
    }

    /// <summary>
    /// The first Tab from the top of the page lands on "Skip to main content", and following it moves focus into the
    /// main landmark; what went wrong otherwise.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SkipLinkProblemsAsync(IPage page)
    {
        // Blazor focuses the page's h1 after navigating; start from the document instead, as a fresh visit does.
        await page.EvaluateAsync("() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); }");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''");
        if (focused != "Skip to main content")
        {
            return [$"{page.Url}: the first Tab focused '{focused}', not the skip link."];
        }

        await page.Keyboard.PressAsync("Enter");
        var inMain = await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('main')");
        return inMain ? [] : [$"{page.Url}: following the skip link did not move focus into <main>."];
    }
}
