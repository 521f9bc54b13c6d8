using Bunit;
using Regurgitate.Web.Features.Home;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Home;

/// <summary>The first page a researcher sees says what the tool is for and leads to the study's workflow first.</summary>
public sealed class HomePageTests : DashboardTestContext
{
    [Fact]
    public void It_says_what_the_tool_is_for_in_two_sentences()
    {
        var purpose = Context.Render<HomePage>().Find("[data-testid=home-purpose]").TextContent;

        Assert.Equal(2, purpose.Split('.', StringSplitOptions.RemoveEmptyEntries).Count(s => s.Trim().Length > 0));
        Assert.Contains("regurgitative training", purpose, StringComparison.Ordinal);
        Assert.Contains("German→English", purpose, StringComparison.Ordinal);
        Assert.Contains("synthetic", purpose, StringComparison.Ordinal);
        Assert.Contains("BLEU", purpose, StringComparison.Ordinal);
    }

    [Fact]
    public void New_experiment_is_the_primary_action_and_new_run_comes_second()
    {
        var page = Context.Render<HomePage>();

        var actions = page.FindAll("a[data-testid^=home-new-]");
        Assert.Equal(["/experiments/new", "/runs/new"], actions.Select(a => a.GetAttribute("href")));
        Assert.Contains("mud-button-filled", actions[0].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-button-filled", actions[1].ClassName, StringComparison.Ordinal);
    }
}
