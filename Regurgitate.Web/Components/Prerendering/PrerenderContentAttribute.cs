namespace Regurgitate.Web.Components.Prerendering;

/// <summary>
/// A page whose content is part of the prerendered first response, not only the shell around it (MainLayout). Such a
/// page must do nothing in that static pass that the interactive pass repeats or that needs the browser: no JS calls,
/// subscriptions or background loads before <c>RendererInfo.IsInteractive</c>, and what it loaded for the static pass
/// handed to the interactive one (<see cref="PrerenderHandoff"/>), so the prerendered content is not replaced by a
/// loading state when the circuit starts.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PrerenderContentAttribute : Attribute;
