namespace Regurgitate.Engine.Data;

/// <summary>One aligned translation pair: German <see cref="Source"/>, English <see cref="Target"/>.</summary>
public sealed record SentencePair(string Source, string Target);
