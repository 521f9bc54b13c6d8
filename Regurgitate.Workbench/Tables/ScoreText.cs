using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Tables;

/// <summary>
/// How BLEU and chrF (0–100 scales) are written everywhere the dashboard shows or copies them: tables, hover text,
/// CSV-free text copies (Markdown, LaTeX) and captions. Two fixed decimals everywhere, so that a value reads the same in
/// every place and two systems that differ by 0.01 or more never look equal. Fixed rather than adaptive precision: an
/// adaptive rule would give the same number different digits in different tables, and 0.01 BLEU is already far below the
/// ±0.5–1 BLEU that a 95% bootstrap interval spans on a test set of a few thousand sentences. Rounding follows Python's
/// <c>f"{x:.2f}"</c> (<see cref="SacreBleuText.Fixed"/>), as sacreBLEU prints.
/// </summary>
public static class ScoreText
{
    /// <summary>Decimals of every BLEU/chrF value on screen and in copies.</summary>
    public const int Digits = 2;

    /// <summary>The same precision as a d3 format for Plotly hover templates and tick labels.</summary>
    public const string PlotlyFormat = ".2f";

    /// <summary>What a missing score is shown as.</summary>
    public const string NoValue = "–";

    /// <summary><c>35.42</c>.</summary>
    public static string Format(double value) => SacreBleuText.Fixed(value, Digits);

    /// <summary><c>35.42</c>, or <see cref="NoValue"/> when there is none (or it is not a number).</summary>
    public static string Format(double? value) => value is { } v && double.IsFinite(v) ? Format(v) : NoValue;

    /// <summary>With a typographic minus (−0.42), and no sign on what rounds to zero.</summary>
    public static string Number(double value)
    {
        var magnitude = Format(Math.Abs(value));
        return value < 0 && magnitude != Format(0.0) ? "−" + magnitude : magnitude;
    }

    /// <summary>A difference: <c>+0.42</c>, <c>−0.42</c>, or <c>0.00</c> when it rounds to zero.</summary>
    public static string Signed(double value) => value > 0 && Format(value) != Format(0.0) ? "+" + Format(value) : Number(value);

    /// <summary><c>[−0.10, 0.75]</c>.</summary>
    public static string Interval(ConfidenceInterval interval) => $"[{Number(interval.Lower)}, {Number(interval.Upper)}]";

    /// <summary>Whether two scores read the same once written with <see cref="Digits"/> decimals.</summary>
    public static bool ShowEqual(double a, double b) => Format(a) == Format(b);

    /// <summary>Whether a stored curve is BLEU or chrF (its values are written with <see cref="Format(double)"/>).</summary>
    public static bool IsScoreMetric(string metric) =>
        metric is MetricNames.DevBleu or MetricNames.DevChrF or MetricNames.TestBleu or MetricNames.TestChrF;
}
