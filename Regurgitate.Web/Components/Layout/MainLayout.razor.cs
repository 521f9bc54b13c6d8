using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Regurgitate.Web.Components.Prerendering;

namespace Regurgitate.Web.Components.Layout;

public partial class MainLayout
{
    private static readonly MudTheme Theme = new()
    {
        // MudBlazor's default status colours fail WCAG AA as text and behind white chip text (white on its success green
        // is 2.2:1, on its info blue 3.1:1; its secondary pink and its alerts' darkened text 2.9-4.1:1; its secondary
        // text 4.47:1 on this background). These darker shades keep the hues and reach at least 4.5:1 against white, the
        // page background and the alerts' tinted backgrounds (checked by the axe audit in the browser tests).
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            AppbarBackground = "#1f4e79",
            Background = "#f7f8fa",
            Secondary = "#c2185b",
            SecondaryDarken = "#880e4f",
            Info = "#1565c0",
            InfoDarken = "#0d47a1",
            Success = "#2e7d32",
            SuccessDarken = "#1b5e20",
            Warning = "#a65100",
            WarningDarken = "#8a4b00",
            Error = "#c62828",
            ErrorDarken = "#b71c1c",
            TextSecondary = "#5c5f66",
        },
        PaletteDark = new PaletteDark { Primary = "#7fb3e0", AppbarBackground = "#1b1e24" },
    };

    private bool drawerOpen = true;
    private bool isDarkMode;

    [CascadingParameter(Name = "InitialDarkMode")]
    private bool InitialDarkMode { get; set; }

    /// <summary>Set only when a password is configured: the sign-out form's antiforgery token.</summary>
    [CascadingParameter(Name = "SignOut")]
    private SignOutForm? SignOut { get; set; }

    /// <summary>The routed page's type, cascaded by Routes.</summary>
    [CascadingParameter(Name = "PageType")]
    private Type? PageType { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private bool PrerendersContent => PageType?.IsDefined(typeof(PrerenderContentAttribute), inherit: false) == true;

    protected override void OnInitialized() => isDarkMode = InitialDarkMode;

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private async Task ToggleThemeAsync()
    {
        isDarkMode = !isDarkMode;
        await JS.InvokeVoidAsync("regurgitate.saveTheme", isDarkMode ? "dark" : "light");
    }
}
