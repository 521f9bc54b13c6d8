using Microsoft.Playwright;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Moves the keyboard focus the way a user does: focus a field, press Tab.</summary>
public static class KeyboardFocus
{
    /// <summary>
    /// Focuses <paramref name="from"/>, presses Tab <paramref name="tabs"/> times and expects <paramref name="expected"/>
    /// to hold the focus. A render that lands between the focus and the key presses (the designer re-renders while
    /// its catalogue and preview load) can take the focus away from a field; on two loaded cores that happened often
    /// enough to fail a suite. Each attempt starts again from the field and must land exactly on
    /// <paramref name="expected"/>, so a wrong tab order still fails, after three attempts. With
    /// <paramref name="holdFor"/>, the focus must still be there that long after it arrived (a render already under way
    /// can focus something else just after the Tab).
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator from, int tabs, ILocator expected, TimeSpan? holdFor = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await from.FocusAsync();
            for (var i = 0; i < tabs; i++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            try
            {
                await Assertions.Expect(expected).ToBeFocusedAsync(new() { Timeout = 5_000 });
                if (holdFor is not { } hold)
                {
                    return;
                }

                await page.WaitForTimeoutAsync((float)hold.TotalMilliseconds);
                await Assertions.Expect(expected).ToBeFocusedAsync(new() { Timeout = 1 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
