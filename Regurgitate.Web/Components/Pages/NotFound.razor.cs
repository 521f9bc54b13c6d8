namespace Regurgitate.Web.Components.Pages;

public partial class NotFound;
