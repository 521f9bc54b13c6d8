namespace Regurgitate.Web.Components.Layout;

/// <summary>What the app bar's sign-out form posts with: the antiforgery field name and token of the page's request.</summary>
public sealed record SignOutForm(string FieldName, string Token);
