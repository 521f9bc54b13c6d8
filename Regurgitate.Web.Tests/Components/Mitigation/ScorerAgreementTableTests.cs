using Bunit;
using Regurgitate.Web.Features.Mitigation;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Mitigation;

namespace Regurgitate.Web.Tests.Components.Mitigation;

public sealed class ScorerAgreementTableTests : DashboardTestContext
{
    [Fact]
    public void Each_scorer_shows_kendall_spearman_and_pearson_against_the_oracle()
    {
        IReadOnlyList<ScorerAgreement> agreement =
        [
            new("gen/low", "quality", 8_000, 0.4123, 0.5734, 0.5521),
            new("gen/low", "consensus", 8_000, 0.4201, 0.5812, 0.5677),
            new("gen/low", "model", 7_990, null, null, null),
        ];

        var table = Context.Render<ScorerAgreementTable>(p => p.Add(c => c.Agreement, agreement));

        Assert.Equal(
            ["Generator", "Scorer", "Pairs", "τ-b with oracle", "ρ with oracle", "r with oracle"],
            table.FindAll("th").Select(h => h.TextContent.Trim()));
        Assert.Contains("Spearman", table.FindAll("th")[4].GetAttribute("title"), StringComparison.Ordinal);
        var rows = table.FindAll("[data-testid=scorer-agreement-row]");
        Assert.Equal(["quality", "consensus", "model"], rows.Select(r => r.GetAttribute("data-scorer")));
        Assert.Equal(["0.573", "0.581", "–"], rows.Select(r => r.QuerySelector("[data-testid=scorer-agreement-rho]")!.TextContent));
        Assert.Equal(["0.412", "0.420", "–"], rows.Select(r => r.QuerySelector("[data-testid=scorer-agreement-tau]")!.TextContent));
        Assert.Equal(["0.552", "0.568", "–"], rows.Select(r => r.QuerySelector("[data-testid=scorer-agreement-r]")!.TextContent));
        Assert.Equal("quality (ordering)", rows[0].QuerySelectorAll("td")[1].TextContent);
    }
}
