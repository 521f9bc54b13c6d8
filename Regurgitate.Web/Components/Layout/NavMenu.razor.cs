namespace Regurgitate.Web.Components.Layout;

public partial class NavMenu;
