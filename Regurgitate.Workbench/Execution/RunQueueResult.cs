namespace Regurgitate.Workbench.Execution;

/// <summary>The outcome of a queue action, with a sentence for the page or the terminal.</summary>
public sealed record RunQueueResult(bool Succeeded, string Message)
{
    public static RunQueueResult Done(string message) => new(true, message);

    public static RunQueueResult Refused(string message) => new(false, message);
}
