namespace Regurgitate.Engine.Experiments.Events;

/// <summary>
/// Published before the first step: the training budget the run will spend (see <see cref="Training.TrainingSchedule"/>),
/// so that results can be compared at equal optimiser steps or tokens, and the pairs the length filter kept and left out.
/// </summary>
/// <param name="TargetTokens">Target tokens the loss is computed on over all steps (EOS included, padding excluded).</param>
/// <param name="SourceTokens">Source tokens fed to the encoder over all steps (EOS included, padding excluded).</param>
public sealed record TrainingPlanned(int Steps, long TargetTokens, long SourceTokens, int PairsKept, int PairsDropped) : RunEvent;
