using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// Sentence chrF (sacreBLEU-exact, 0–100) of a hypothesis against one reference, as the chrF quality scorers
/// (<see cref="ConsensusChrFScorer"/>, <see cref="OracleChrFScorer"/>, <see cref="RoundTripScorer"/>) use it: the
/// options are checked when the scorer is made, and every scoring call gets its own metric.
/// </summary>
internal sealed class SingleReferenceChrF
{
    private readonly ChrFOptions checkedOptions;

    /// <param name="options">chrF variant; sacreBLEU's chrF2 by default.</param>
    public SingleReferenceChrF(ChrFOptions? options)
    {
        checkedOptions = options ?? new ChrFOptions();
        _ = new ChrFMetric(checkedOptions); // validates the options now rather than at the first score
    }

    /// <summary>
    /// The score function of one scoring call: (hypothesis, reference) → chrF. One per call because the metric
    /// remembers its last signature, so it is not shared between threads.
    /// </summary>
    public Func<string, string, double> ForOneCall()
    {
        var metric = new ChrFMetric(checkedOptions);
        return (hypothesis, reference) => metric.SentenceScore(hypothesis, [reference]).Score;
    }
}
