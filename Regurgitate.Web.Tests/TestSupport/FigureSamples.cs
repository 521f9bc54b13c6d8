using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Small deterministic figures for the writer tests.</summary>
public static class FigureSamples
{
    /// <summary>Two learning curves on a log x axis, one with a ±sd band, plus a faint raw series.</summary>
    public static FigureSpec LearningCurves() => new()
    {
        XLabel = "Training pairs",
        YLabel = "Test BLEU",
        LogX = true,
        FileName = "learning-curve",
        Series =
        [
            new FigureSeries("real", [1000, 2000, 4000, 8000, 16000], [8.1, 12.4, 17.9, 22.5, 26.0])
            {
                Lower = [7.6, 11.8, 17.1, 22.0, 25.2],
                Upper = [8.6, 13.0, 18.7, 23.0, 26.8],
                BandLabel = "±1 sd",
            },
            new FigureSeries("GPT-4", [1000, 2000, 4000, 8000, 16000], [7.0, 10.9, 15.2, 18.8, 21.1]),
            new FigureSeries("GPT-4", [1000, 2000, 4000, 8000, 16000], [6.2, 11.5, 14.1, 19.9, 20.3]) { Faint = true },
        ],
    };

    /// <summary>A loss curve on linear axes with a gap (NaN) in the middle.</summary>
    public static FigureSpec LossCurve() => new()
    {
        Title = "Loss",
        XLabel = "Step",
        YLabel = "Cross-entropy",
        Series =
        [
            new FigureSeries("train", [.. Enumerable.Range(1, 40).Select(i => (double)i)], [.. Enumerable.Range(1, 40).Select(i => i == 20 ? double.NaN : 2 + (6 * Math.Exp(-i / 10.0)))]),
            new FigureSeries("dev", [10, 20, 30, 40], [5.0, 3.6, 3.0, 2.8]),
        ],
    };
}
