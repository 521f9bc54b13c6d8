using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// What the designer shows before launching: every validation error by JSON path, or the expanded grid with the
/// service's cost estimate. An estimate that fails leaves the grid visible with the reason.
/// </summary>
public sealed record DesignPreview(IReadOnlyList<RunConfigError> Errors, ExperimentPlan? Plan, ExperimentEstimate? Estimate, string? EstimateError)
{
    public bool IsValid => Errors.Count == 0 && Plan is not null;

    /// <summary>Conditions in grid order (real first, then sources by descending real fraction).</summary>
    public IReadOnlyList<string> Conditions => Plan is null ? [] : [.. Plan.Runs.Select(r => r.Condition).Distinct()];

    public IReadOnlyList<int> Sizes => Plan is null ? [] : [.. Plan.Runs.Select(r => r.Size).Distinct().Order()];

    public static DesignPreview Compute(ExperimentSpec spec, IExperimentService service)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(service);
        var errors = ExperimentSpecValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return new DesignPreview(errors, null, null, null);
        }

        var plan = ExperimentGrid.Expand(spec);
        try
        {
            return new DesignPreview([], plan, service.Estimate(spec), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or ExperimentSpecException)
        {
            return new DesignPreview([], plan, null, ex.Message);
        }
    }
}
