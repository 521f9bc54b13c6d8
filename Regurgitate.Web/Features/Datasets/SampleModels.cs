using Regurgitate.Workbench.Datasets;
namespace Regurgitate.Web.Features.Datasets;

/// <summary>A system whose targets can be shown beside the source.</summary>
public sealed record SystemChoice(string Id, string Name);

/// <summary>What the sample viewer can show for a dataset: how many rows, whether there is a human reference, and which systems.</summary>
public sealed record SampleSet(string DatasetId, int Total, string? ReferenceLabel, IReadOnlyList<SystemChoice> Systems, IReadOnlyList<string> DefaultSystems);

/// <summary>One target of one system; <see cref="Text"/> is null when the system failed (then <see cref="Failure"/> says why).</summary>
public sealed record SampleTarget(string SystemId, string? Text, string? Failure);

/// <summary>One German source with its human reference (when there is one) and the selected systems' targets.</summary>
public sealed record SampleRow(int Index, string Source, string? Reference, IReadOnlyList<SampleTarget> Targets);

/// <summary>Aligned samples of catalogued datasets for the viewer.</summary>
public interface IDatasetSamples
{
    /// <summary>Null when the dataset is unknown or its files cannot be read (then <paramref name="problem"/> explains).</summary>
    Task<(SampleSet? Set, string? Problem)> OpenAsync(DatasetRow dataset, CancellationToken cancellationToken);

    Task<IReadOnlyList<SampleRow>> GetRowsAsync(DatasetRow dataset, IReadOnlyList<string> systems, int skip, int take, CancellationToken cancellationToken);
}
