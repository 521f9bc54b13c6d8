namespace Regurgitate.Engine.Experiments.Events;

public enum RunPhase
{
    LoadingData,
    LearningVocabulary,
    Training,
    Evaluating,
    Testing,
}
