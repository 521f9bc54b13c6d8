namespace Regurgitate.Engine.Training;

/// <summary>Ids of the vocabulary's control symbols.</summary>
public readonly record struct SpecialTokenIds(int Pad, int Bos, int Eos);
