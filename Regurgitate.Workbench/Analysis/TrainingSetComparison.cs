using Regurgitate.Engine.Analysis;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// The training sets of an experiment's runs at one size, side by side in the dataset report's form: side 0 is the
/// human references of every source the runs trained on, then one side per run (its training targets), each
/// subsampled to the same number of pairs and scored against the human references of its own sources. The sides are
/// not aligned with each other (each run drew its own sources), so the report has no shared sample indices.
/// </summary>
public sealed record TrainingSetComparison
{
    public required TrainingSetSelection Selection { get; init; }

    /// <summary>The compared runs, parallel to <see cref="DatasetReportResult.Sides"/> from index 1.</summary>
    public required IReadOnlyList<ExperimentRunRow> Runs { get; init; }

    /// <summary>Column headings: <see cref="DatasetAnalysis.ReferenceSide"/>, then "condition · seed s (#id)" per run.</summary>
    public required IReadOnlyList<string> SideNames { get; init; }

    public required DatasetReportResult Report { get; init; }

    /// <summary>Selected runs that trained before training sets were recorded.</summary>
    public required IReadOnlyList<ExperimentRunRow> Unrecorded { get; init; }

    /// <summary>Distinct sources over all compared training sets (the human side's pool before subsampling).</summary>
    public required int ReferencePairs { get; init; }
}
