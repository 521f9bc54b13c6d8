

namespace Regurgitate.Workbench.Colors;

/// <summary>
/// Every series colour of the application, in one place, so a condition or run has one colour on the dashboard, in
/// exported figures and in table swatches. All are colour-blind-safe qualitative schemes (Okabe &amp; Ito 2008, Paul
/// Tol's "bright" and "muted"); which one a thing uses is decided by <see cref="Comparison.RunColors"/> (runs, here
/// because the Workbench's series service colours the traces it returns) and, in the dashboard, by <c>ConditionStyles</c>
/// (data conditions) and <c>FigureColors</c> (a figure's chosen palette).
/// </summary>
public static class ColorPalettes
{
    /// <summary>
    /// The synthetic data conditions, by their place in the grid: Okabe–Ito without black and its pale yellow, then
    /// further distinct hues (from Tol's schemes) for grids with more conditions.
    /// </summary>
    public static IReadOnlyList<string> Conditions { get; } =
        ["#E69F00", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D31", "#999933", "#882255", "#44AA99"];

    /// <summary>Okabe–Ito ordered for lines on white (the pale yellow last), a figure's default palette.</summary>
    public static IReadOnlyList<string> OkabeIto { get; } = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Paul Tol's "bright" qualitative scheme.</summary>
    public static IReadOnlyList<string> TolBright { get; } = ["#4477AA", "#EE6677", "#228833", "#AA3377", "#66CCEE", "#CCBB44", "#BBBBBB"];

    /// <summary>
    /// Paul Tol's "muted" scheme without its pale grey, ordered so that neighbouring run ids (seeds of one condition,
    /// usually) get contrasting colours.
    /// </summary>
    public static IReadOnlyList<string> TolMuted { get; } = ["#332288", "#DDCC77", "#117733", "#CC6677", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"];

    /// <summary>Black to a grey still visible on white; pair with dashes.</summary>
    public static IReadOnlyList<string> Greys { get; } = ["#000000", "#555555", "#888888"];

    /// <summary>The real-data reference line: near-black on a light page, light grey on a dark one.</summary>
    public static string Reference(bool dark = false) => dark ? "#e0e0e0" : "#222222";
}
