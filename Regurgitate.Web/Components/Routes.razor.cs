using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Components;

public partial class Routes
{
    [Parameter]
    public bool InitialDarkMode { get; set; }
}
