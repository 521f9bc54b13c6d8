namespace Regurgitate.Engine.Experiments.Design;

/// <summary>An experiment spec that cannot run; <see cref="Errors"/> lists every problem with its JSON path.</summary>
public sealed class ExperimentSpecException : Exception
{
    public ExperimentSpecException(IReadOnlyList<RunConfigError> errors, string? source = null)
        : base(Format(errors, source))
    {
        Errors = errors;
    }

    public ExperimentSpecException()
        : this([])
    {
    }

    public ExperimentSpecException(string message)
        : this([new RunConfigError("", message)])
    {
    }

    public ExperimentSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new RunConfigError("", message)];
    }

    public IReadOnlyList<RunConfigError> Errors { get; }

    private static string Format(IReadOnlyList<RunConfigError> errors, string? source) =>
        $"Invalid experiment spec{(source is null ? "" : $" '{source}'")} ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):"
        + string.Concat(errors.Select(e => $"{Environment.NewLine}  {(e.Field.Length > 0 ? e.Field + ": " : "")}{e.Message}"));
}
