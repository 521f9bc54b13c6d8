using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class TrainingSetAnalyzerTests
{
    private static readonly TrainingExample[] Set =
    [
        TrainingExample.Real(new SentencePair("Ein Hund.", "A dog.")),
        new(new SentencePair("Eine Frau liest.", "qqq zzz"), "gen", "A woman reads."),
        new(new SentencePair("Zwei Männer.", ""), "gen", "Two men."),
        new(new SentencePair("Ein Kind.", "A child."), "gen", "A child."),
    ];

    [Fact]
    public void Errors_signals_and_tokens_of_a_small_set_by_hand()
    {
        // Only the empty target raises a signal; the other pairs raise none (checked, so a change to the signals shows here).
        Assert.Equal([false, false, true, false], Set.Select(e => ErrorSignals.Compute(e.Pair.Source, e.Pair.Target).Any));

        var measures = new TrainingSetAnalyzer().Measure(Set);

        // "qqq zzz" shares no character with its reference and "" scores 0: 2 of 4 below chrF2 30. The real pair and the
        // synthetic target identical to its reference are never errors.
        Assert.Equal(0.5, measures.ErrorRate);
        Assert.Equal(0.25, measures.SignalRate);
        Assert.Equal((4, 1, false), (measures.Pairs, measures.RealPairs, measures.IsAllReal));
        Assert.Equal(["a", "dog", "qqq", "zzz", "a", "child"], measures.Tokens);
        Assert.Equal(LexicalDiversity.Mtld(["a", "dog", "qqq", "zzz", "a", "child"]), measures.Mtld);

        // Rarefaction over N = 6 tokens, 5 types ("a" twice): all of them at 6, one at 1; at 3, 1 − C(4,3)/C(6,3) = 0.8 for
        // "a" and 1 − C(5,3)/C(6,3) = 0.5 for each of the four others.
        Assert.Equal(5, measures.RarefiedVocabulary(6), 12);
        Assert.Equal(1, measures.RarefiedVocabulary(1), 12);
        Assert.Equal(2.8, measures.RarefiedVocabulary(3), 12);
    }

    [Fact]
    public void A_real_set_has_no_errors_and_one_analyzer_gives_the_same_answers_however_often_it_has_seen_a_pair()
    {
        var analyzer = new TrainingSetAnalyzer();
        var real = analyzer.Measure([.. Set.Select(e => TrainingExample.Real(e.Pair with { Target = e.Reference }))]);
        Assert.Equal(0, real.ErrorRate);
        Assert.True(real.IsAllReal);

        var first = analyzer.Measure(Set);
        var again = analyzer.Measure(Set);
        var fresh = new TrainingSetAnalyzer().Measure(Set);
        Assert.Equal((first.ErrorRate, first.SignalRate, first.Mtld), (again.ErrorRate, again.SignalRate, again.Mtld));
        Assert.Equal((fresh.ErrorRate, fresh.SignalRate, fresh.Mtld), (again.ErrorRate, again.SignalRate, again.Mtld));
        Assert.Equal(fresh.Tokens, again.Tokens);
    }

    [Fact]
    public void The_threshold_comes_from_the_options()
    {
        // "A dog." against "A dog!" scores well above 30 but below 100.
        TrainingExample[] near = [new(new SentencePair("Ein Hund.", "A dog."), "gen", "A dog!")];
        Assert.Equal(0, new TrainingSetAnalyzer().Measure(near).ErrorRate);
        Assert.Equal(1, new TrainingSetAnalyzer(new ErrorAnalysisOptions { ChrFThreshold = 100 }).Measure(near).ErrorRate);
    }
}
