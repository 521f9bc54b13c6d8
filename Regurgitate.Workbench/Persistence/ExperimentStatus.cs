namespace Regurgitate.Workbench.Persistence;

/// <summary>Life cycle of an experiment defined by a spec.</summary>
public enum ExperimentStatus
{
    /// <summary>Saved, not started.</summary>
    Draft,

    /// <summary>Training local generators, translating sources, learning the shared tokenizer.</summary>
    Preparing,

    /// <summary>Grid runs queued or running.</summary>
    Running,

    /// <summary>Every grid run finished (each with its own outcome).</summary>
    Finished,

    /// <summary>Preparation failed or was cancelled; the message says why. Starting again resumes.</summary>
    Stopped,

    /// <summary>
    /// An archive import that has not reached its final commit: the experiment, its runs and their points are hidden
    /// by the context's query filters, and removed again if the import fails or its process dies.
    /// </summary>
    Importing,
}
