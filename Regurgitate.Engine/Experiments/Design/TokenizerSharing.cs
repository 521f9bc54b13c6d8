namespace Regurgitate.Engine.Experiments.Design;

public enum TokenizerSharing
{
    /// <summary>One BPE vocabulary for the whole experiment, learned from the pool's sources, human targets and every synthetic target, so scores compare across conditions.</summary>
    Shared,

    /// <summary>Each run learns its own vocabulary from its own training set.</summary>
    PerRun,
}
