using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Analysis;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>Every metric of a dataset comparison, a side per column; parameters in each name's tooltip; downloadable as CSV.</summary>
public partial class DatasetMetricTable
{
    private IReadOnlyList<MetricRow> rows = [];
    private string csvUrl = string.Empty;

    [Parameter, EditorRequired]
    public DatasetReportResult Report { get; set; } = default!;

    /// <summary>Column headings, one per side of <see cref="Report"/>.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Sides { get; set; } = [];

    [Parameter]
    public string FileName { get; set; } = "dataset-comparison.csv";

    /// <summary>The CSV the download link carries, for tests.</summary>
    public string Csv { get; private set; } = string.Empty;

    protected override void OnParametersSet()
    {
        rows = MetricRows.Build(Report);
        Csv = MetricRows.ToCsv(Sides, rows);
        csvUrl = CsvFile.DataUrl(Csv);
    }
}
