namespace Regurgitate.Engine.Data;

/// <summary>Progress of reading one corpus file (pair); <see cref="Fraction"/> is of the file's bytes on disk.</summary>
public sealed record CorpusReadProgress(string FilePath, long PairsRead, double? Fraction);
