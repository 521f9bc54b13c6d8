namespace Regurgitate.Engine.Analysis;

/// <summary>One point of a Heaps' law vocabulary-growth curve: distinct types seen after the first <see cref="Tokens"/> tokens.</summary>
public sealed record HeapsPoint(long Tokens, int Types);
