using System.Xml.Linq;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Figures;

public sealed class FigureExportDialogTests : DashboardTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, FigureExportDialog Dialog)> OpenAsync(FigureStyle? style = null)
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowFigureExportAsync(FigureSamples.LearningCurves() with { Caption = "Test BLEU. Seed 1." }, style));
        return (provider, provider.FindComponent<FigureExportDialog>().Instance);
    }

    private static XElement PreviewSvg(IRenderedComponent<MudDialogProvider> provider) =>
        XElement.Parse(provider.Find("[data-testid=figure-preview] svg").OuterHtml);

    private static void ClickToggle(IRenderedComponent<MudDialogProvider> provider, string group, string text) =>
        provider.FindAll($"[data-testid={group}] .mud-toggle-item").Single(e => e.TextContent.Trim() == text).Click();

    [Fact]
    public async Task The_double_column_preset_makes_the_preview_7_inches_wide()
    {
        var (provider, dialog) = await OpenAsync();
        Assert.Equal("3.5in", (string?)PreviewSvg(provider).Attribute("width"));

        ClickToggle(provider, "figure-preset", "Double column 7 in");

        Assert.Equal(7.0, dialog.Settings.Style.WidthInches);
        Assert.Equal("7in", (string?)PreviewSvg(provider).Attribute("width"));
        Assert.Contains("2100 × ", provider.Find("[data-testid=figure-size]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_width_out_of_range_shows_why_and_disables_the_image_exports()
    {
        var (provider, dialog) = await OpenAsync();
        ClickToggle(provider, "figure-preset", "Custom");
        Assert.Equal(3.5, dialog.Settings.Style.WidthInches);

        provider.Find("#figure-width").Input("42");

        Assert.Contains("Width must be between 1 and 20 in.", provider.Find("[data-testid=figure-errors]").TextContent, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("[data-testid=figure-preview]"));
        Assert.True(provider.Find("[data-testid=figure-export-svg]").HasAttribute("disabled"));
        Assert.True(provider.Find("[data-testid=figure-export-pdf]").HasAttribute("disabled"));
        Assert.False(provider.Find("[data-testid=figure-export-csv]").HasAttribute("disabled"));

        provider.Find("#figure-width").Input("5.5");

        Assert.Equal("5.5in", (string?)PreviewSvg(provider).Attribute("width"));
        Assert.Empty(provider.FindAll("[data-testid=figure-errors]"));
    }

    [Fact]
    public async Task Changing_the_palette_changes_the_preview_colours()
    {
        var (provider, _) = await OpenAsync();
        XNamespace svg = "http://www.w3.org/2000/svg";
        string[] Strokes() => [.. PreviewSvg(provider).Descendants().Where(e => (string?)e.Attribute("class") == "series").Select(e => (string)e.Attribute("stroke")!)];
        Assert.Equal(["#0072B2", "#D55E00"], Strokes());

        ClickToggle(provider, "figure-palette", "Greyscale");
        Assert.Equal(["#000000", "#555555"], Strokes());

        ClickToggle(provider, "figure-palette", "Tol bright");
        Assert.Equal(["#4477AA", "#EE6677"], Strokes());
        Assert.NotNull(svg);
    }

    [Fact]
    public async Task Settings_are_stored_in_local_storage_after_a_change()
    {
        var (provider, _) = await OpenAsync();

        ClickToggle(provider, "figure-font", "Liberation Serif");

        var stored = Context.JSInterop.Invocations.Where(i => i.Identifier == "localStorage.setItem").Select(i => (string)i.Arguments[1]!).Last();
        var settings = FigureExportSettings.FromJson(stored);
        Assert.Equal(FigureFont.Serif, settings!.Style.Font);
        Assert.Contains("font-family=\"'Liberation Serif'", provider.Find("[data-testid=figure-preview]").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_settings_are_the_starting_point_of_the_next_export()
    {
        var stored = new FigureExportSettings { Style = new FigureStyle { Preset = FigureSizePreset.DoubleColumn, Legend = LegendPosition.Below }, Dpi = 600 };
        Context.JSInterop.Setup<string?>("localStorage.getItem", FigureExportSettings.StorageKey).SetResult(stored.ToJson());

        var (provider, dialog) = await OpenAsync();

        provider.WaitForAssertion(() => Assert.Equal(stored, dialog.Settings));
        Assert.Equal("7in", (string?)PreviewSvg(provider).Attribute("width"));
    }

    [Fact]
    public async Task An_explicit_style_wins_over_stored_settings_and_the_caption_is_shown()
    {
        Context.JSInterop.Setup<string?>("localStorage.getItem", FigureExportSettings.StorageKey).SetResult(new FigureExportSettings { Dpi = 600 }.ToJson());

        var (provider, dialog) = await OpenAsync(new FigureStyle { FontSize = 10 });

        Assert.Equal(10, dialog.Settings.Style.FontSize);
        Assert.Equal(300, dialog.Settings.Dpi);
        Assert.Contains("Test BLEU. Seed 1.", provider.Find("[data-testid=figure-caption]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_button_hands_a_valid_PDF_to_the_download_helper()
    {
        var (provider, _) = await OpenAsync();
        ClickToggle(provider, "figure-preset", "Double column 7 in");

        provider.Find("[data-testid=figure-export-pdf]").Click();

        var call = Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == FigureExportDialog.DownloadBytesFunction);
        Assert.Equal("learning-curve.pdf", call.Arguments[0]);
        var (width, _) = PdfStructure.AssertValidAndReadMediaBox(Convert.FromBase64String((string)call.Arguments[2]!));
        Assert.Equal(504, width);
    }

    [Fact]
    public async Task The_PNG_button_asks_the_browser_for_width_times_dpi_pixels()
    {
        var (provider, _) = await OpenAsync();
        ClickToggle(provider, "figure-preset", "Double column 7 in");

        provider.Find("[data-testid=figure-export-png]").Click();

        var call = Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == FigureExportDialog.DownloadPngFunction);
        Assert.Equal("learning-curve.png", call.Arguments[0]);
        Assert.StartsWith("<?xml", (string)call.Arguments[1]!, StringComparison.Ordinal);
        Assert.Equal(2100, call.Arguments[2]);
        Assert.Equal(1302, call.Arguments[3]);
    }
}
