namespace Regurgitate.Engine.Analysis;

/// <summary>
/// One named English side of a dataset, e.g. "human reference A" or "GPT-4". Sides given to <see cref="DatasetReport"/>
/// with the same number of sentences are taken to be aligned (translations of the same sources, line by line);
/// a null sentence is a failed generation.
/// </summary>
public sealed record TextSide(string Name, IReadOnlyList<string?> Sentences);
