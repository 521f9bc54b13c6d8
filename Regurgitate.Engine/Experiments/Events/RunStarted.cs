namespace Regurgitate.Engine.Experiments.Events;

/// <summary>First event of a run: what it will train on and the device it uses.</summary>
public sealed record RunStarted(string Device, int TrainPairs, int DevPairs, int TestPairs, int VocabularySize, long Parameters) : RunEvent;
