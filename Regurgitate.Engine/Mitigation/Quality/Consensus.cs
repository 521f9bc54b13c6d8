namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>What the consensus scorers share: the mean of a sentence metric against each usable other target.</summary>
internal static class Consensus
{
    public static double? Mean(QualityInput input, Func<string, string, double> sentenceScore)
    {
        ArgumentNullException.ThrowIfNull(input.OtherTargets);
        double sum = 0;
        var count = 0;
        foreach (var other in input.OtherTargets)
        {
            if (string.IsNullOrWhiteSpace(other))
            {
                continue;
            }

            sum += sentenceScore(input.Target ?? string.Empty, other);
            count++;
        }

        return count == 0 ? null : sum / count;
    }
}
