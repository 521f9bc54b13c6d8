using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// A column of the comparison runs grid: its header and what it sorts by (null: not sortable). Sort keys are doubles
/// or strings; runs without a value sort as NaN (first ascending), as the grid always did.
/// </summary>
internal sealed record RunsGridColumn(string Title, Func<ComparisonRunRow, IComparable>? SortKey);
