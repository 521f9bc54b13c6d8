using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Generation;

/// <summary>
/// Everything one generator produced for a set of German sources. Targets are looked up by source (see
/// <see cref="SourceKey"/>), which is what aligns a synthetic pair with its real counterpart across corpus files,
/// filtering and sampling. Where a source occurs twice the first successful target of sample 0 wins.
/// </summary>
public sealed class SyntheticTargetSet
{
    private readonly Dictionary<string, string> bySource;
    private readonly HashSet<string> attempted;

    public SyntheticTargetSet(GeneratorDescriptor generator, IReadOnlyList<SyntheticTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(targets);
        Generator = generator;
        Targets = targets;
        bySource = new Dictionary<string, string>(SourceKey.Comparer);
        attempted = new HashSet<string>(SourceKey.Comparer);
        foreach (var target in targets)
        {
            if (target.Sample == 0 && target.Text is not null)
            {
                bySource.TryAdd(SourceKey.Of(target.Source), target.Text);
            }

            attempted.Add(SourceKey.Of(target.Source));
        }
    }

    public GeneratorDescriptor Generator { get; }
    public IReadOnlyList<SyntheticTarget> Targets { get; }
    public int SucceededCount => Targets.Count(t => t.Succeeded);
    public int FailedCount => Targets.Count(t => !t.Succeeded);

    /// <summary>Characters of all sources and texts: what a cache counts a loaded set as.</summary>
    public long CharacterCount => Targets.Sum(t => (long)t.Source.Length + (t.Text?.Length ?? 0));

    /// <summary>The successful sample-0 target for a German source, if the generator produced one.</summary>
    public bool TryGetTarget(string source, out string target)
    {
        if (bySource.TryGetValue(SourceKey.Of(source), out var found))
        {
            target = found;
            return true;
        }

        target = string.Empty;
        return false;
    }

    public bool Covers(string source) => bySource.ContainsKey(SourceKey.Of(source));

    /// <summary>The generator was asked for this source, whether it succeeded or failed (a set of published outputs may not cover the whole pool).</summary>
    public bool Attempted(string source) => attempted.Contains(SourceKey.Of(source));
}
