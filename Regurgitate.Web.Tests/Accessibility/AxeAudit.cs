using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// Runs axe-core (bundled by Deque.AxeCore.Playwright, injected into the page) against the WCAG 2.x A and AA rules and
/// best practices, and describes the serious and critical violations, one line per element, for a failure message.
/// </summary>
public static class AxeAudit
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        return
        [
            .. result.Violations
                .Where(v => BlockingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
                .SelectMany(v => v.Nodes.Select(n => $"{page.Url}: {v.Impact} {v.Id} ({v.Help}) at {n.Target}: {Shorten(n.Html)} {Messages(n)}")),
        ];
    }

    // Any: one of these checks had to pass; All and None: each of these failed.
    private static string Messages(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }.Where(c => c is not null).SelectMany(c => c).Select(c => c.Message));

    private static string Shorten(string html) => html.Length <= 200 ? html : string.Concat(html.AsSpan(0, 200), "…");
}
