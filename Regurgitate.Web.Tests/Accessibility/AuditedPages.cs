namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// Every page the accessibility audit visits, in one place: <see cref="AuditedPagesTests"/> fails when the app declares
/// an <c>@page</c> route that is not listed here, so a new page cannot ship without an audit.
/// The sign-in page is served outside Blazor and audited on its own (with a password set).
/// </summary>
public static class AuditedPages
{
    public static IReadOnlyList<AuditedPage> Blazor { get; } =
    [
        new("/", _ => "/", "[data-testid=home-new-experiment]"),
        new("/runs", _ => "/runs", "[data-testid=runs-table]"),
        new("/runs/new", _ => "/runs/new", "[data-testid=start-run]"),
        new("/runs/{Id:int}", s => $"/runs/{s.FirstRunId}", "[data-testid=test-bleu]"),
        new("/experiments", _ => "/experiments", "[data-testid=experiments-table]"),
        new("/experiments/new", _ => "/experiments/new", "[data-testid=launch]"),
        new("/experiments/{Id:int}", s => $"/experiments/{s.ExperimentId}", "[data-testid=experiment-status]"),
        new("/experiments/{Id:int}/strategies", s => $"/experiments/{s.ExperimentId}/strategies", "[data-testid=strategies-empty], [data-testid=strategies-baseline]"),
        new("/experiments/{Id:int}/mechanisms", s => $"/experiments/{s.ExperimentId}/mechanisms", "[data-testid=mechanisms]"),
        new("/compare", s => $"/compare?runs={s.FirstRunId},{s.SecondRunId}", "[data-testid=compare-picker]"),
        new("/compare/charts", s => $"/compare/charts?runs={s.FirstRunId},{s.SecondRunId}", "[data-testid=run-link]"),
        new("/analysis", _ => "/analysis", "[data-testid=analysis-picker]"),
        new("/datasets", _ => "/datasets", "[data-testid=datasets-table]"),
        new("/workers", _ => "/workers", "[data-testid=workers-off]"),
        new("/datasets/{*Id}", _ => "/datasets/wmt22", "[data-testid=samples-table]"),
        new("/error", _ => "/error", "h1"),
        new("/not-found", _ => "/not-found", "h1"),
    ];
}
