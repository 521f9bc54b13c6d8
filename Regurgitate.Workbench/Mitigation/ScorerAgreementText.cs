using System.Globalization;
using System.Text;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// A strategy's scoring insight as text: the detector's held-out report and how each scorer ranks the pairs like the
/// oracle. The strategies page and <c>regurgitate run</c> share these cells.
/// </summary>
public static class ScorerAgreementText
{
    public const string NoValue = "–";

    /// <summary>A correlation to three decimals, <see cref="NoValue"/> when it is undefined.</summary>
    public static string Correlation(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : NoValue;

    /// <summary>The insight's detector report line (if any) and its agreement table (if any), as Markdown.</summary>
    public static string Markdown(StrategyInsight insight)
    {
        ArgumentNullException.ThrowIfNull(insight);
        var text = new StringBuilder();
        if (insight.Detector is { } detector)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Detector on {detector.TestExamples:N0} held-out texts (trained on {detector.TrainExamples:N0}): ROC AUC {detector.RocAuc:0.000}, accuracy {detector.Accuracy:0.000}, Brier {detector.Brier:0.000}, ECE {detector.ExpectedCalibrationError:0.000}."));
        }

        if (insight.Agreement.Count > 0)
        {
            text.AppendLine("| Generator | Scorer | Pairs | τ-b with oracle | ρ with oracle | r with oracle |");
            text.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var row in insight.Agreement)
            {
                text.Append("| ").Append(TableText.EscapeMarkdown(row.GeneratorId))
                    .Append(" | ").Append(TableText.EscapeMarkdown(row.Scorer))
                    .Append(" | ").Append(row.Pairs.ToString("N0", CultureInfo.InvariantCulture))
                    .Append(" | ").Append(Correlation(row.KendallTau))
                    .Append(" | ").Append(Correlation(row.Spearman))
                    .Append(" | ").Append(Correlation(row.Pearson))
                    .AppendLine(" |");
            }
        }

        return text.ToString();
    }
}
