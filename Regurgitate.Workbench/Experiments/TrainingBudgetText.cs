using System.Globalization;

namespace Regurgitate.Workbench.Experiments;

/// <summary>Steps and target tokens as tables print them beside a score, e.g. "240 steps, 41.2k tokens".</summary>
public static class TrainingBudgetText
{
    public static string Format(double steps, double targetTokens) =>
        $"{steps.ToString("N0", CultureInfo.InvariantCulture)} steps, {Tokens(targetTokens)} tokens";

    /// <summary>The point's budget, or null when its runs recorded none (runs trained before budgets were recorded).</summary>
    public static string? Of(LearningCurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point is { Steps: { } steps, TargetTokens: { } tokens } ? Format(steps, tokens) : null;
    }

    private static string Tokens(double tokens) => tokens switch
    {
        >= 1e6 => (tokens / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (tokens / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => tokens.ToString("N0", CultureInfo.InvariantCulture),
    };
}
