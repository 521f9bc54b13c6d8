namespace Regurgitate.Workbench.Comparison;

public enum RunComparisonProblem
{
    /// <summary>No run besides the baseline was given, or an option is out of range.</summary>
    InvalidRequest,

    /// <summary>A run id names no stored run.</summary>
    RunNotFound,

    /// <summary>A run has not completed, or completed without writing its test translations.</summary>
    MissingTestOutputs,

    /// <summary>A run's test files cannot be read or are not line-aligned.</summary>
    UnreadableTestOutputs,

    /// <summary>The runs were tested on different sentences (or references); paired tests would be meaningless.</summary>
    TestSetMismatch,
}

/// <summary>Why runs cannot be compared; the message names the runs concerned and is meant for the user.</summary>
public sealed class RunComparisonException : Exception
{
    public RunComparisonException(RunComparisonProblem problem, string message, IReadOnlyList<int> runIds)
        : base(message)
    {
        Problem = problem;
        RunIds = runIds;
    }

    public RunComparisonException()
    {
        RunIds = [];
    }

    public RunComparisonException(string message)
        : base(message)
    {
        RunIds = [];
    }

    public RunComparisonException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunIds = [];
    }

    public RunComparisonProblem Problem { get; }

    /// <summary>The runs the problem is about.</summary>
    public IReadOnlyList<int> RunIds { get; }
}
