namespace Regurgitate.Workbench.Archives;

/// <summary>The points between an import's steps where a test may inject a failure (<see cref="ExperimentArchiveImporter.StepReached"/>).</summary>
internal enum ArchiveImportStep
{
    /// <summary>The archive is verified and extracted into the staging folder; the database is untouched.</summary>
    Staged,

    /// <summary>The hidden experiment and its runs are committed (their ids are taken).</summary>
    Reserved,

    /// <summary>One batch of metric points is committed.</summary>
    PointsCommitted,

    /// <summary>Every run folder has been moved from the staging folder into place.</summary>
    FoldersMoved,

    /// <summary>The final commit made the experiment visible.</summary>
    Revealed,

    /// <summary>The import failed and is about to discard what it wrote (a failure here leaves what a crash would).</summary>
    Discarding,
}
