using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Archives;

namespace Regurgitate.Web.Tests.Components.Experiments;

/// <summary>The experiment page's export link and the experiments list's import button, in each of their states.</summary>
public sealed class ArchiveButtonsTests : DashboardTestContext
{
    [Fact]
    public void Export_is_a_download_link_that_can_include_checkpoints_and_waits_while_the_experiment_is_active()
    {
        var idle = Context.Render<ExportArchiveButton>(p => p.Add(c => c.ExperimentId, 5).Add(c => c.Active, false));
        var link = idle.Find("a[data-testid=export-archive]");
        Assert.Equal("/experiments/5/archive", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));

        idle.Find("input[type=checkbox]").Change(true);
        Assert.Equal("/experiments/5/archive?checkpoints=true", idle.Find("a[data-testid=export-archive]").GetAttribute("href"));

        var active = Context.Render<ExportArchiveButton>(p => p.Add(c => c.ExperimentId, 5).Add(c => c.Active, true));
        Assert.Empty(active.FindAll("a[data-testid=export-archive]"));
        Assert.True(active.Find("button[data-testid=export-archive]").HasAttribute("disabled"));
        Assert.True(active.Find("input[type=checkbox]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Import_shows_its_progress_and_is_disabled_while_busy_then_opens_the_new_experiment()
    {
        var importer = new GatedImporter();
        Context.Services.AddSingleton<IExperimentArchiveImporter>(importer);
        var button = Context.Render<ImportArchiveButton>();
        Assert.Equal("Import archive", button.Find("button[data-testid=import-archive]").TextContent.Trim());
        Assert.Empty(button.FindAll("[data-testid=import-archive-progress]"));

        // The upload returns only when the import does; it runs aside so the busy state can be seen meanwhile.
        var input = button.FindComponent<InputFile>();
        var upload = Task.Run(() => input.UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3], "exp.zip")));

        button.WaitForAssertion(() => Assert.Equal("Checking the archive", button.Find("[data-testid=import-archive-phase]").TextContent));
        Assert.Equal("Importing…", button.Find("button[data-testid=import-archive]").TextContent.Trim());
        Assert.True(button.Find("button[data-testid=import-archive]").HasAttribute("disabled"));
        Assert.Equal("exp.zip", importer.DisplayName);

        importer.Finish.SetResult(new ArchiveImportResult(42, "toy", 2, 80));
        await upload.WaitAsync(TimeSpan.FromSeconds(10));

        button.WaitForAssertion(() => Assert.EndsWith("/experiments/42", Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.False(button.Find("button[data-testid=import-archive]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_refused_archive_shows_the_importers_message_and_the_button_is_usable_again()
    {
        using var workbench = await ArchiveWorkbench.CreateAsync();
        Context.Services.AddSingleton(workbench.Services.GetRequiredService<IExperimentArchiveImporter>());
        var button = Context.Render<ImportArchiveButton>();

        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not a zip", "broken.zip"));

        button.WaitForAssertion(() => Assert.Contains("'broken.zip' is not a readable zip archive", button.Find("[data-testid=import-archive-error]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.False(button.Find("button[data-testid=import-archive]").HasAttribute("disabled"));
        Assert.Equal(0, await workbench.ExperimentCountAsync());
    }

    private sealed class GatedImporter : IExperimentArchiveImporter
    {
        public TaskCompletionSource<ArchiveImportResult> Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? DisplayName { get; private set; }
        public long MaxArchiveBytes => 1024;

        public async Task<ArchiveImportResult> ImportAsync(Stream archive, string displayName, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
        {
            DisplayName = displayName;
            progress?.Report(new ArchiveProgress("Checking the archive", 0, 0));
            return await Finish.Task;
        }
    }
}
