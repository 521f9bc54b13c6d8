using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Features.Charts.Export;

/// <summary>
/// Exports a <see cref="FigureSpec"/> as a paper figure: size preset, font, line width, legend, palette and dashes, with
/// the exported SVG itself as the live preview. SVG and PDF are written on the server; PNG is the same SVG drawn onto a
/// canvas at the chosen resolution in the browser; CSV is the plotted data. Settings persist in local storage.
/// </summary>
public partial class FigureExportDialog
{
    public const string DownloadBytesFunction = "regurgitate.downloadBytes";
    public const string DownloadPngFunction = "regurgitate.downloadSvgAsPng";

    private FigureExportSettings settings = new();
    private IReadOnlyList<string> errors = [];
    private string svg = string.Empty;
    private bool loaded;

    [CascadingParameter]
    private IMudDialogInstance? MudDialog { get; set; }

    [Parameter, EditorRequired]
    public FigureSpec Spec { get; set; } = new();

    /// <summary>Starting style; null starts from the last settings stored in the browser (or the defaults).</summary>
    [Parameter]
    public FigureStyle? InitialStyle { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<FigureExportDialog> Logger { get; set; } = default!;

    /// <summary>The current choices (for tests).</summary>
    public FigureExportSettings Settings => settings;

    /// <summary>The SVG shown as preview and downloaded as the SVG export.</summary>
    public string PreviewSvg => svg;

    private string SizeText => string.Create(
        CultureInfo.InvariantCulture,
        $"{settings.Style.WidthInches:0.##} × {settings.Style.HeightInches:0.##} in · PNG {PixelWidth} × {PixelHeight} px at {settings.Dpi} dpi");

    private int PixelWidth => (int)Math.Round(settings.Style.WidthInches * settings.Dpi);

    private int PixelHeight => (int)Math.Round(settings.Style.HeightInches * settings.Dpi);

    protected override void OnInitialized()
    {
        if (InitialStyle is not null)
        {
            settings = settings with { Style = InitialStyle };
        }

        Refresh();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || InitialStyle is not null)
        {
            loaded = true;
            return;
        }

        try
        {
            var stored = FigureExportSettings.FromJson(await JS.InvokeAsync<string?>("localStorage.getItem", FigureExportSettings.StorageKey));
            if (stored is not null)
            {
                settings = stored;
                Refresh();
                StateHasChanged();
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            Log.SettingsNotLoaded(Logger, ex);
        }

        loaded = true;
    }

    private Task SetPreset(FigureSizePreset value) => Update(settings.Style with
    {
        Preset = value,
        // Custom starts from the width shown, so switching to it does not make the figure jump.
        CustomWidthInches = value == FigureSizePreset.Custom ? settings.Style.WidthInches : settings.Style.CustomWidthInches,
    });

    private Task SetWidth(double value) => Update(settings.Style with { Preset = FigureSizePreset.Custom, CustomWidthInches = value });

    private Task SetHeightRatio(double value) => Update(settings.Style with { HeightRatio = value });

    private Task SetFont(FigureFont value) => Update(settings.Style with { Font = value });

    private Task SetFontSize(double value) => Update(settings.Style with { FontSize = value });

    private Task SetLineWidth(double value) => Update(settings.Style with { LineWidth = value });

    private Task SetLegend(LegendPosition value) => Update(settings.Style with { Legend = value });

    private Task SetPalette(FigurePalette value) => Update(settings.Style with { Palette = value });

    private Task SetDashes(bool value) => Update(settings.Style with { Dashes = value });

    private Task SetMarkers(bool value) => Update(settings.Style with { Markers = value });

    private Task SetDpi(int value) => Update(settings with { Dpi = value });

    private Task Update(FigureStyle style) => Update(settings with { Style = style });

    private async Task Update(FigureExportSettings next)
    {
        settings = next;
        Refresh();
        if (errors.Count == 0 && loaded)
        {
            try
            {
                await JS.InvokeVoidAsync("localStorage.setItem", FigureExportSettings.StorageKey, settings.ToJson());
            }
            catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
            {
                Log.SettingsNotSaved(Logger, ex);
            }
        }
    }

    private void Refresh()
    {
        errors = settings.Validate();
        svg = errors.Count == 0 ? SvgFigureWriter.Write(Spec, settings.Style) : string.Empty;
    }

    private Task DownloadSvgAsync() => DownloadAsync(Spec.FileName + ".svg", "image/svg+xml", Encoding.UTF8.GetBytes(svg));

    private Task DownloadPdfAsync() => DownloadAsync(Spec.FileName + ".pdf", "application/pdf", PdfFigureWriter.Write(Spec, settings.Style));

    private Task DownloadCsvAsync() => DownloadAsync(Spec.FileName + ".csv", "text/csv", Encoding.UTF8.GetBytes(FigureCsv.Build(Spec)));

    private async Task DownloadPngAsync()
    {
        try
        {
            await JS.InvokeVoidAsync(DownloadPngFunction, Spec.FileName + ".png", svg, PixelWidth, PixelHeight);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            Log.ExportFailed(Logger, ex, Spec.FileName, "png");
        }
    }

    private async Task DownloadAsync(string fileName, string mimeType, byte[] content)
    {
        try
        {
            await JS.InvokeVoidAsync(DownloadBytesFunction, fileName, mimeType, Convert.ToBase64String(content));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            Log.ExportFailed(Logger, ex, fileName, mimeType);
        }
    }

    private void Close() => MudDialog?.Close();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Stored figure export settings could not be read")]
        public static partial void SettingsNotLoaded(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Figure export settings could not be stored")]
        public static partial void SettingsNotSaved(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not export figure {FileName} as {Format}")]
        public static partial void ExportFailed(ILogger logger, Exception exception, string fileName, string format);
    }
}
