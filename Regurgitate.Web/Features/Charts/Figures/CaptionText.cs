using System.Globalization;
using System.Text;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// The caption that goes under an exported figure: what is plotted, the metric's signature (so the number can be
/// reproduced), the seeds averaged over, what the band shows and how the curves were smoothed.
/// </summary>
public static class CaptionText
{
    /// <param name="description">What the figure shows, e.g. "Test BLEU against training pairs".</param>
    /// <param name="metricSignature">sacreBLEU-style signature of the metric, if there is one.</param>
    /// <param name="seeds">The seeds behind each point; one seed is named as such, several as "mean over".</param>
    /// <param name="smoothing">Smoothing of the curves (e.g. "EMA, α = 0.6"), or null for raw values.</param>
    /// <param name="band">What the shaded band shows (e.g. "±1 sd over seeds"), or null for none.</param>
    public static string Build(string description, string? metricSignature, IReadOnlyList<int> seeds, string? smoothing, string? band = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(seeds);
        var text = new StringBuilder(description.Trim().TrimEnd('.')).Append('.');
        var distinct = seeds.Distinct().Order().ToList();
        if (distinct.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $" Seed {distinct[0]}.");
        }
        else if (distinct.Count > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $" Mean over {distinct.Count} seeds ({string.Join(", ", distinct)}).");
        }

        if (!string.IsNullOrWhiteSpace(band))
        {
            text.Append(" Shaded: ").Append(band.Trim().TrimEnd('.')).Append('.');
        }

        text.Append(string.IsNullOrWhiteSpace(smoothing) ? " Unsmoothed." : " Smoothing: " + smoothing.Trim().TrimEnd('.') + ".");
        if (!string.IsNullOrWhiteSpace(metricSignature))
        {
            text.Append(" Signature: ").Append(metricSignature.Trim()).Append('.');
        }

        return text.ToString();
    }
}
