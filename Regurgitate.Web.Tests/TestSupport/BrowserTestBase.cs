using Microsoft.Playwright;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// What every end-to-end test needs: a temporary folder for the app's database and artefacts, and Debian's Chromium
/// driven by Playwright; both are released after the test class.
/// </summary>
public abstract class BrowserTestBase : IAsyncLifetime
{
    private IPlaywright? playwright;

    protected TempDatabase Database { get; } = new();

    protected IBrowser Chromium { get; private set; } = default!;

    protected string DatabaseFile => Path.Combine(Database.Folder, "test.db");

    protected string RunsDirectory => Path.Combine(Database.Folder, "runs");

    public async Task InitializeAsync() => (playwright, Chromium) = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright?.Dispose();
        Database.Dispose();
    }
}
