using System.Text;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// A run's final test translations next to their sources and references (<c>test.src.de</c>, <c>test.ref.en</c>,
/// <c>test.hyp.en</c>, line-aligned), so that any two runs can be compared with paired significance tests and any run
/// can be re-scored with other tools (a run scored against all references also leaves <c>test.ref.B.en</c>; paired
/// comparisons use reference A). Newlines inside a segment are flattened to spaces to keep the files aligned.
/// A <see cref="RunConfig.Reverse"/> run keeps these names although its sources are English and its references German.
/// </summary>
public static class TestOutputs
{
    public const string SourceFile = "test.src.de";
    public const string ReferenceFile = "test.ref.en";
    public const string HypothesisFile = "test.hyp.en";

    /// <summary>The second human reference, written only by runs scored against all references (<see cref="TestReferences.All"/>).</summary>
    public const string SecondReferenceFile = "test.ref.B.en";

    public static void Write(string runDirectory, IReadOnlyList<SentencePair> pairs, IReadOnlyList<string> hypotheses, IReadOnlyList<string?>? secondReferences = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(hypotheses);
        Directory.CreateDirectory(runDirectory);
        WriteLines(Path.Combine(runDirectory, SourceFile), pairs.Select(p => p.Source));
        WriteLines(Path.Combine(runDirectory, ReferenceFile), pairs.Select(p => p.Target));
        WriteLines(Path.Combine(runDirectory, HypothesisFile), hypotheses);
        if (secondReferences is not null)
        {
            WriteLines(Path.Combine(runDirectory, SecondReferenceFile), secondReferences.Select(r => r ?? ""));
        }
    }

    /// <summary>The three test files of a run: sources, references, hypotheses.</summary>
    public static string[] PathsOf(string runDirectory) =>
        [.. new[] { SourceFile, ReferenceFile, HypothesisFile }.Select(f => Path.Combine(runDirectory, f))];

    /// <summary>Reads a run's test files back; null when the run has none (it did not finish, or predates them).</summary>
    /// <exception cref="InvalidDataException">The three files differ in length.</exception>
    public static async Task<(IReadOnlyList<string> Sources, IReadOnlyList<string> References, IReadOnlyList<string> Hypotheses)?> ReadAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var paths = PathsOf(runDirectory);
        if (!paths.All(File.Exists))
        {
            return null;
        }

        var sources = await TextLines.ReadAllAsync(paths[0], cancellationToken).ConfigureAwait(false);
        var references = await TextLines.ReadAllAsync(paths[1], cancellationToken).ConfigureAwait(false);
        var hypotheses = await TextLines.ReadAllAsync(paths[2], cancellationToken).ConfigureAwait(false);
        if (sources.Count != references.Count || sources.Count != hypotheses.Count)
        {
            throw new InvalidDataException($"The test files in '{runDirectory}' differ in length ({sources.Count} sources, {references.Count} references, {hypotheses.Count} hypotheses).");
        }

        return (sources, references, hypotheses);
    }

    private static void WriteLines(string path, IEnumerable<string> lines)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            foreach (var line in lines)
            {
                writer.WriteLine(line.ReplaceLineEndings(" "));
            }
        });
    }
}
