namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>What a browser holds after loading the login page: the antiforgery cookie and the form's token field.</summary>
public sealed record LoginForm(string Cookie, string FieldName, string Token);
