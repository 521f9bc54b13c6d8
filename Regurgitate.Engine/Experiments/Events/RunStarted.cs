namespace Regurgitate.Engine.Experiments.Events;

/// <summary>First event of a run: what it will train on, the device it uses and its libtorch threads.</summary>
/// <param name="Threads">
/// libtorch intra-op threads on the run's thread. A CPU run's weights depend on it (it changes the order of sums), so the
/// workbench keeps it the same for every run of an experiment and for every resumption of a run.
/// </param>
public sealed record RunStarted(string Device, int TrainPairs, int DevPairs, int TestPairs, int VocabularySize, long Parameters, int Threads) : RunEvent;
