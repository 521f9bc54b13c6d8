

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// Values a series carries for each of its points beyond what is drawn (e.g. a learning curve's mean steps trained), so
/// that the figure's CSV holds them beside x and y. NaN marks a point without a value.
/// </summary>
public sealed record FigureColumn(string Name, IReadOnlyList<double> Values);
