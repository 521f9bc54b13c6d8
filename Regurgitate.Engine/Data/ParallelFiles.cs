namespace Regurgitate.Engine.Data;

/// <summary>An aligned file pair, paths relative to the data directory: German <see cref="Source"/>, English <see cref="Target"/>.</summary>
public sealed record ParallelFiles(string Source, string Target);
