namespace Regurgitate.Workbench.Archives;

/// <summary>Imports an experiment archive as a new experiment (see <see cref="ExperimentArchiveImporter"/>).</summary>
public interface IExperimentArchiveImporter
{
    /// <summary>Largest archive accepted, in bytes as stored.</summary>
    long MaxArchiveBytes { get; }

    /// <exception cref="ExperimentArchiveException">The archive was refused; the message names the entry and the problem.</exception>
    Task<ArchiveImportResult> ImportAsync(Stream archive, string displayName, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken);
}
