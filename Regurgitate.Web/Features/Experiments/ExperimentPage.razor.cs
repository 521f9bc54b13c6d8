using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Components.Live;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// One experiment: its status, the learning curve (and BLEU by generation for iterated generations) and every run. The page reads it again when the database says
/// something changed (<see cref="IDatabaseChanges"/>, any process), at most once per <see cref="RefreshSpacing"/>
/// (one query and one render per read; the chart only redraws when a curve changed). The band and axis choices and
/// the difference the seed plan resolves live in the URL (<c>?band=range&amp;x=linear&amp;resolve=1</c>), so a
/// figure can be shared as a link.
/// </summary>
public partial class ExperimentPage : IDisposable
{
    private ExperimentDetail? detail;
    private IReadOnlyList<LearningCurveSeries> curves = [];
    private double? pretrainedScore;
    private IReadOnlyList<string> conditionOrder = [];
    private IReadOnlyList<GenerationCurvePoint> generations = [];
    private ExperimentSeedPlan seedPlan = SeedPlanning.From([], SeedPlanning.DefaultDifference);
    private ChangeDrivenRefresh? refresh;
    private bool notFound;
    private bool busy;
    private BandMode band = BandMode.Std;
    private bool logX = true;

    [Parameter]
    public int Id { get; set; }

    /// <summary>std (default), range or none.</summary>
    [SupplyParameterFromQuery(Name = "band")]
    public string? BandQuery { get; set; }

    /// <summary>log (default) or linear.</summary>
    [SupplyParameterFromQuery(Name = "x")]
    public string? XQuery { get; set; }

    /// <summary>The test-BLEU difference the seed plan resolves; 0.5 when absent.</summary>
    [SupplyParameterFromQuery(Name = SeedPlanningPanel.QueryName)]
    public string? ResolveQuery { get; set; }

    /// <summary>The least time between two reads of the experiment while changes keep coming.</summary>
    public static readonly TimeSpan RefreshSpacing = TimeSpan.FromSeconds(1);

    [Inject]
    private IDatabaseChanges Changes { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IExperimentQueries Queries { get; set; } = default!;

    [Inject]
    private IExperimentService Experiments { get; set; } = default!;

    [Inject]
    private IRunQueue Queue { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<ExperimentPage> Logger { get; set; } = default!;

    private IReadOnlyList<ExperimentRunRow> GridRuns => detail?.Runs.Where(r => r.Role == RunRole.Grid).ToList() ?? [];

    private IReadOnlyList<ExperimentRunRow> GeneratorRuns => detail?.Runs.Where(r => r.Role is RunRole.Generator or RunRole.Scorer or RunRole.Pretraining).ToList() ?? [];

    /// <summary>Preparing or running, or runs still queued or running.</summary>
    private bool IsActive => detail is not null
        && (detail.Status is ExperimentStatus.Preparing or ExperimentStatus.Running
            || detail.Runs.Any(r => r.Status is RunStatus.Queued or RunStatus.Running));

    public static BandMode ParseBand(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "range" or "minmax" => BandMode.Range,
        "none" => BandMode.None,
        _ => BandMode.Std,
    };

    protected override void OnParametersSet()
    {
        band = ParseBand(BandQuery);
        logX = !string.Equals(XQuery, "linear", StringComparison.OrdinalIgnoreCase);
        var difference = SeedPlanningPanel.ParseDifference(ResolveQuery);
        if (difference != seedPlan.Difference)
        {
            seedPlan = SeedPlanning.From(detail?.Runs ?? [], difference);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        Apply(await Queries.GetAsync(Id, CancellationToken.None));
        refresh = new ChangeDrivenRefresh(Changes, ReadAgainAsync, RefreshSpacing, Time);
    }

    public void Dispose() => refresh?.Dispose();

    private void Apply(ExperimentDetail? loaded)
    {
        if (loaded is null)
        {
            notFound = true;
            detail = null;
            return;
        }

        detail = loaded;
        conditionOrder = ExperimentConditions.InGridOrder(loaded);
        curves = LearningCurve.From(loaded.Runs);
        pretrainedScore = LearningCurve.PretrainedScore(loaded.Runs);
        generations = GenerationCurve.From(loaded.Spec, curves);
        seedPlan = SeedPlanning.From(loaded.Runs, seedPlan.Difference);
    }

    private async Task ReadAgainAsync(CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await Queries.GetAsync(Id, cancellationToken);
            await InvokeAsync(() =>
            {
                Apply(loaded);
                StateHasChanged();
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Reading experiment {Id} again failed", Id);
        }
    }

    private async Task StopAsync()
    {
        busy = true;
        try
        {
            await Experiments.StopAsync(Id, CancellationToken.None);
            Snackbar.Add("Stopping the experiment…", Severity.Info);
            Apply(await Queries.GetAsync(Id, CancellationToken.None));
        }
        catch (InvalidOperationException ex)
        {
            Logger.LogError(ex, "Could not stop experiment {Id}", Id);
            Snackbar.Add("The experiment could not be stopped; see the server log.", Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task StartAsync()
    {
        busy = true;
        try
        {
            await Experiments.StartAsync(Id, CancellationToken.None);
            Apply(await Queries.GetAsync(Id, CancellationToken.None));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ExperimentSpecException)
        {
            Logger.LogError(ex, "Could not start experiment {Id}", Id);
            Snackbar.Add("The experiment could not be started; see the server log.", Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task AddSeedsAsync(IReadOnlyList<int> seeds)
    {
        busy = true;
        try
        {
            var newRuns = await Experiments.AddSeedsAsync(Id, seeds, CancellationToken.None);
            Snackbar.Add($"Seed(s) {string.Join(", ", seeds)} added: {newRuns} new run(s). Resume the experiment to train them.", Severity.Success);
            Apply(await Queries.GetAsync(Id, CancellationToken.None));
        }
        catch (ExperimentSpecException ex)
        {
            Snackbar.Add(string.Join(" ", ex.Errors.Select(e => e.Message)), Severity.Warning);
        }
        catch (InvalidOperationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Moves every queued run of the experiment, generators included, and the runs it queues later.</summary>
    private async Task SetPriorityAsync(int priority)
    {
        busy = true;
        try
        {
            var result = await Queue.SetExperimentPriorityAsync(Id, priority, CancellationToken.None);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Info : Severity.Warning);
            Apply(await Queries.GetAsync(Id, CancellationToken.None));
        }
        finally
        {
            busy = false;
        }
    }

    private void SetBand(BandMode mode)
    {
        band = mode;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("band", mode == BandMode.Std ? null : mode.ToString().ToLowerInvariant()), replace: true);
    }

    private void SetDifference(double difference)
    {
        seedPlan = SeedPlanning.From(detail?.Runs ?? [], difference);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(SeedPlanningPanel.QueryName, SeedPlanningPanel.QueryValue(difference)), replace: true);
    }

    private void SetLogX(bool log)
    {
        logX = log;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("x", log ? null : "linear"), replace: true);
    }
}
