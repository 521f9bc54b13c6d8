using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Engine.Mitigation.Detection;

namespace Regurgitate.Web.Features.Mitigation;

/// <summary>
/// Shows a <see cref="DetectorReport"/>: the held-out scores, the ROC curve against the chance diagonal, and a
/// reliability diagram (mean predicted probability against the observed human share per probability bin, against the
/// perfectly calibrated diagonal). Calibration matters here because mitigation 3 orders synthetic pairs by the
/// predicted probability, not only by its rank among machine texts.
/// </summary>
public partial class DetectorReportPanel
{
    private IList<ITrace> rocTraces = [];
    private IList<ITrace> calibrationTraces = [];

    /// <summary>The report to show; null shows an explicit empty state.</summary>
    [Parameter]
    public DetectorReport? Report { get; set; }

    private IEnumerable<(string Name, string Value, string Help)> Metrics =>
        Report is null
            ? []
            :
            [
                ("Accuracy", F(Report.Accuracy, "P1"), "Share of held-out texts on the right side of P(human) = 0.5."),
                ("ROC AUC", F(Report.RocAuc, "F3"), "Probability that a random human text scores above a random machine text (0.5 = chance)."),
                ("Brier", F(Report.Brier, "F3"), "Mean squared error of P(human) against the 0/1 label (0 is perfect, 0.25 is a constant 0.5)."),
                ("ECE", F(Report.ExpectedCalibrationError, "F3"), $"Expected calibration error over {Report.Calibration.Count} equal-width bins (0 is perfectly calibrated)."),
            ];

    protected override void OnParametersSet()
    {
        if (Report is null)
        {
            rocTraces = [];
            calibrationTraces = [];
            return;
        }

        rocTraces =
        [
            new Scatter
            {
                Name = $"detector (AUC {F(Report.RocAuc, "F3")})",
                Mode = ModeFlag.Lines,
                X = Report.Roc.Select(p => (object)p.FalsePositiveRate).ToList(),
                Y = Report.Roc.Select(p => (object)p.TruePositiveRate).ToList(),
                Line = new Line { Width = 2, Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Linear },
                HoverTemplate = "FPR %{x:.3f}, TPR %{y:.3f}<extra></extra>",
            },
            Diagonal("chance"),
        ];

        var filled = Report.Calibration.Where(b => b.Count > 0).ToList();
        calibrationTraces =
        [
            new Scatter
            {
                Name = "detector",
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = filled.Select(b => (object)b.MeanPredicted).ToList(),
                Y = filled.Select(b => (object)b.ObservedHumanShare).ToList(),
                TextArray = filled.Select(b => $"{F(b.Lower, "F1")}–{F(b.Upper, "F1")}: n = {b.Count}").ToList(),
                Marker = new Marker { Size = 9 },
                HoverTemplate = "%{text}<br>predicted %{x:.3f}, observed %{y:.3f}<extra></extra>",
            },
            Diagonal("perfectly calibrated"),
        ];
    }

    private static Scatter Diagonal(string name) => new()
    {
        Name = name,
        Mode = ModeFlag.Lines,
        X = [0.0, 1.0],
        Y = [0.0, 1.0],
        Line = new Line { Width = 1, Dash = "dash", Color = "#888888" },
        HoverInfo = HoverInfoFlag.Skip,
    };

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
