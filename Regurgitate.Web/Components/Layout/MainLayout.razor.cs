using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Regurgitate.Web.Components.Layout;

public partial class MainLayout
{
    private static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f4e79", AppbarBackground = "#1f4e79", Background = "#f7f8fa" },
        PaletteDark = new PaletteDark { Primary = "#7fb3e0", AppbarBackground = "#1b1e24" },
    };

    private bool drawerOpen = true;
    private bool isDarkMode;

    [CascadingParameter(Name = "InitialDarkMode")]
    private bool InitialDarkMode { get; set; }

    /// <summary>Set only when a password is configured: the sign-out form's antiforgery token.</summary>
    [CascadingParameter(Name = "SignOut")]
    private SignOutForm? SignOut { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override void OnInitialized() => isDarkMode = InitialDarkMode;

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private async Task ToggleThemeAsync()
    {
        isDarkMode = !isDarkMode;
        await JS.InvokeVoidAsync("regurgitate.saveTheme", isDarkMode ? "dark" : "light");
    }
}
