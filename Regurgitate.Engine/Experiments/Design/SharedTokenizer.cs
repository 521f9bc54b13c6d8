using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The one vocabulary all runs of an experiment share: learned from the experiment's German sources, their human
/// targets and every synthetic target of them, so that no condition is disadvantaged by a vocabulary fitted to
/// another condition's text.
/// </summary>
public static class SharedTokenizer
{
    public static SubwordTokenizer Learn(
        IReadOnlyList<SentencePair> sources,
        IEnumerable<SyntheticTargetSet> sets,
        int vocabularySize,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sets);
        var synthetic = sets.ToList();
        var texts = sources.SelectMany(pair => new[] { pair.Source, pair.Target }
            .Concat(synthetic.Select(set => set.TryGetTarget(pair.Source, out var target) ? target : null).OfType<string>()));
        return new SubwordTokenizer(new BpeLearner(vocabularySize).Learn(texts, progress, cancellationToken));
    }
}
