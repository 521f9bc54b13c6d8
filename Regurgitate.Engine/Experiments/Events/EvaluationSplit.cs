namespace Regurgitate.Engine.Experiments.Events;

public enum EvaluationSplit
{
    Dev,
    Test,
}
