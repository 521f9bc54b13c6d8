namespace Regurgitate.Engine.Training;

/// <summary>Ids of the vocabulary's control symbols.</summary>
public readonly record struct SpecialTokens(int Pad, int Bos, int Eos);
