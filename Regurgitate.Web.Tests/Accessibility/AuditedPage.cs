namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// One page of the app as the accessibility audit visits it: the route template it was declared with (as in its
/// <c>@page</c> directive) and the address visited, whose ids come from the data the audit seeds.
/// </summary>
/// <param name="Route">The <c>@page</c> template, e.g. <c>/runs/{Id:int}</c>, or the path of a page served outside Blazor (login).</param>
/// <param name="Address">Builds the address to visit from the seeded ids.</param>
/// <param name="Ready">A selector that is on the page once it has rendered what the audit should see.</param>
public sealed record AuditedPage(string Route, Func<AuditSeed, string> Address, string Ready);
