namespace Regurgitate.Engine.Generation;

/// <summary>A published system output aligned with a catalog corpus: which corpus, and which files (relative to the data directory).</summary>
public sealed record ImportedSystem(GeneratorDescriptor Generator, string CorpusId, string SourceFile, string OutputFile, string Origin, string Licence);
