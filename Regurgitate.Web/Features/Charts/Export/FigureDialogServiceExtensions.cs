using MudBlazor;
using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Features.Charts.Export;

/// <summary>Opens the figure export dialog for any figure: <c>await Dialogs.ShowFigureExportAsync(spec)</c>.</summary>
public static class FigureDialogServiceExtensions
{
    /// <param name="style">A fixed starting style; null starts from the user's last export settings.</param>
    public static Task<IDialogReference> ShowFigureExportAsync(this IDialogService dialogs, FigureSpec spec, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = new DialogParameters<FigureExportDialog>
        {
            { d => d.Spec, spec },
            { d => d.InitialStyle, style },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
        return dialogs.ShowAsync<FigureExportDialog>("Export figure", parameters, options);
    }
}
