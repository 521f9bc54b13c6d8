using Plotly.Blazor;
using Plotly.Blazor.ConfigLib;
using Plotly.Blazor.Traces;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// A chart whose whole picture follows its parameters: it is rebuilt and redrawn with Plotly's react only when
/// <see cref="Signature"/> changes, so polling the same data costs nothing on screen.
/// </summary>
public abstract class ReactOnChangeChartBase : PlotlyChartBase
{
    private string drawn = string.Empty;

    protected ReactOnChangeChartBase(string idPrefix)
        : base(idPrefix, DisplayModeBarEnum.Hover)
    {
    }

    /// <summary>The traces handed to Plotly (for tests).</summary>
    public IReadOnlyList<Scatter> Traces => [.. Data.Cast<Scatter>()];

    /// <summary>How many times the plot was redrawn after the first draw.</summary>
    public int Redraws { get; private set; }

    /// <summary>The layout before <see cref="Rebuild"/> shapes it; created once.</summary>
    protected abstract Plotly.Blazor.Layout CreateLayout();

    /// <summary>The traces of the current parameters.</summary>
    protected abstract IEnumerable<ITrace> CurrentTraces();

    /// <summary>Everything a redraw depends on, as text: equal text means an identical picture.</summary>
    protected abstract string Signature();

    /// <summary>Replaces the traces and themes the layout; an override adds what else follows the parameters (axes, tables).</summary>
    protected virtual void Rebuild()
    {
        Data.Clear();
        Data.AddRange(CurrentTraces());
        ChartStyle.ApplyTheme(Layout, DarkMode);
    }

    protected override void OnInitialized()
    {
        Layout = CreateLayout();
        Rebuild();
        drawn = Signature();
    }

    protected override async Task OnParametersSetAsync()
    {
        var signature = Signature();
        if (signature == drawn)
        {
            return;
        }

        drawn = signature;
        Rebuild();
        if (PlotReady && Chart is not null)
        {
            Redraws++;
            await Chart.React();
        }
    }
}
