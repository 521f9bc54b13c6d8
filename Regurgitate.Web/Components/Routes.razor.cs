using Microsoft.AspNetCore.Components;
using Regurgitate.Web.Components.Layout;

namespace Regurgitate.Web.Components;

public partial class Routes
{
    [Parameter]
    public bool InitialDarkMode { get; set; }

    /// <summary>Antiforgery form field of the sign-out form; null when no password is configured.</summary>
    [Parameter]
    public string? SignOutFieldName { get; set; }

    [Parameter]
    public string? SignOutToken { get; set; }

    private SignOutForm? SignOut => SignOutFieldName is not null && SignOutToken is not null ? new SignOutForm(SignOutFieldName, SignOutToken) : null;
}
