namespace Regurgitate.Engine.Experiments.Events;

public enum RunOutcome
{
    Completed,
    Cancelled,
    Failed,
}
