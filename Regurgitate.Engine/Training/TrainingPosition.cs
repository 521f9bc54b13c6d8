namespace Regurgitate.Engine.Training;

/// <summary>
/// Where training stands after <see cref="Step"/> optimiser steps: the epoch and the index of the next batch in that
/// epoch's (deterministic) plan, and the running counts. Saved with each checkpoint so a run resumes exactly there.
/// </summary>
public sealed record TrainingPosition(int Step, int Epoch, int NextBatch, long TokensSeen, long SentencesSeen);
