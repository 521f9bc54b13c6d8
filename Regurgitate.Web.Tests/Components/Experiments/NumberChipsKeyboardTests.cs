using Bunit;
using Microsoft.AspNetCore.Components;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Experiments;

/// <summary>Chips removed by keyboard: each chip is a tab stop, and Delete or Backspace on it removes that value only.</summary>
public sealed class NumberChipsKeyboardTests : DashboardTestContext
{
    private IReadOnlyList<int>? changed;

    private IRenderedComponent<NumberChips<int>> Render(IReadOnlyList<int> values) => Context.Render<NumberChips<int>>(p => p
        .Add(c => c.Values, values)
        .Add(c => c.Label, "Seeds")
        .Add(c => c.InputId, "seeds")
        .Add(c => c.ValuesChanged, EventCallback.Factory.Create<IReadOnlyList<int>>(this, v => changed = v)));

    [Theory]
    [InlineData("Delete")]
    [InlineData("Backspace")]
    public void The_key_on_a_focused_chip_removes_that_value(string key)
    {
        var chips = Render([1, 2, 3]);

        chips.FindAll("[data-testid=chip]")[1].KeyDown(key);

        Assert.Equal([1, 3], changed);
    }

    [Fact]
    public void Every_chip_is_a_tab_stop_named_by_its_value_and_other_keys_remove_nothing()
    {
        var chips = Render([1, 2]);

        var elements = chips.FindAll("[data-testid=chip]");
        Assert.All(elements, e => Assert.Equal("0", e.GetAttribute("tabindex")));
        Assert.Equal("Seeds: 2. Delete or Backspace removes it.", elements[1].GetAttribute("aria-label"));
        elements[0].KeyDown("a");
        Assert.Null(changed);
    }
}
