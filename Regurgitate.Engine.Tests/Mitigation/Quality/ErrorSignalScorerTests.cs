using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Mitigation.Quality;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

public sealed class ErrorSignalScorerTests
{
    private static PairErrorSignals Clean(double lengthRatio = 1.0, double copied = 0.0) => new()
    {
        Empty = false, TargetTokens = 8, CopiedShare = copied, CopiedShareWithNames = copied, LengthRatio = lengthRatio,
        NumberMismatches = 0, NameMismatches = 0, MaxTrigramRepeats = 1, LongestTokenRun = 1, GermanShare = 0,
        Untranslated = false, Omission = false, Addition = false, NumberMismatch = false, NameMismatch = false, Loop = false, NonEnglish = false,
    };

    [Fact]
    public void TheFormulaCountsFlagsAndGradesLengthAndCopying()
    {
        Assert.Equal(0.0, ErrorSignalScorer.Score(Clean()), 12);
        Assert.Equal(-Math.Log(2) - 0.25, ErrorSignalScorer.Score(Clean(2.0, 0.25)), 12);
        Assert.Equal(-Math.Log(2), ErrorSignalScorer.Score(Clean(0.5)), 12);
        Assert.Equal(-2 - Math.Log(1.5) - 0.1, ErrorSignalScorer.Score(Clean(1.5, 0.1) with { Loop = true, NameMismatch = true }), 12);
        Assert.Equal(-8 - Math.Log(10), ErrorSignalScorer.Score(Clean(0) with
        {
            Empty = true,
            Untranslated = true,
            Omission = true,
            Addition = true,
            NumberMismatch = true,
            NameMismatch = true,
            Loop = true,
            NonEnglish = true,
        }), 12);

        // The length term is capped, so an extreme ratio weighs like ln 10 and not more.
        Assert.Equal(-Math.Log(10), ErrorSignalScorer.Score(Clean(1_000)), 12);
        Assert.Equal(-Math.Log(10), ErrorSignalScorer.Score(Clean(0)), 12);
        Assert.Equal(Math.Log(10), ErrorSignalScorer.MaxLengthPenalty, 12);
    }

    [Fact]
    public async Task HandMadePairsAreOrderedFromCleanToBroken()
    {
        const string source = "Der Hund schläft seit 3 Stunden auf dem alten Sofa im Wohnzimmer.";
        var inputs = new[]
        {
            new QualityInput(source, "The dog has been sleeping on the old sofa in the living room for 3 hours.", []),
            new QualityInput(source, "The dog has been sleeping on the old, comfortable and very soft sofa in the big living room for 3 long hours now.", []),
            new QualityInput(source, "The dog has been sleeping on the old sofa in the living room for 5 hours.", []),
            new QualityInput(source, "The dog sleeps for 3 hours.", []),
            new QualityInput(source, "Der Hund schläft seit 3 Stunden auf dem alten Sofa im Wohnzimmer.", []),
            new QualityInput(source, "", []),
            new QualityInput("  ", "The dog sleeps.", []),
        };

        var scores = await ScorerAssert.ScoreWithProgress(new ErrorSignalScorer(), inputs);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(ErrorSignalScorer.Score(ErrorSignals.Compute(inputs[i].Source, inputs[i].Target)), scores[i]!.Value, 12);
        }

        // Clean > clean but long > wrong number > omission > copied German > empty; all distinct (graded, no ties).
        Assert.True(scores[0] > scores[1], $"{scores[0]} vs {scores[1]}");
        Assert.True(scores[1] > scores[2], $"{scores[1]} vs {scores[2]}");
        Assert.True(scores[2] > scores[3], $"{scores[2]} vs {scores[3]}");
        Assert.True(scores[3] > scores[4], $"{scores[3]} vs {scores[4]}");
        Assert.True(scores[4] > scores[5], $"{scores[4]} vs {scores[5]}");
        Assert.Null(scores[6]);
    }

    [Fact]
    public async Task OptionsMoveTheFlagThresholds()
    {
        var input = new QualityInput("Der Hund schläft auf dem Sofa im Wohnzimmer.", "The dog sleeps on the sofa.", []); // length ratio 0.61

        var defaults = await new ErrorSignalScorer().ScoreAsync([input], null, CancellationToken.None);
        var strict = await new ErrorSignalScorer(new ErrorSignalOptions { MinLengthRatio = 0.9 }).ScoreAsync([input], null, CancellationToken.None);

        Assert.Equal(defaults[0]!.Value - 1, strict[0]!.Value, 12);
    }

    [Fact]
    public async Task IdenticalPairsTieEmptyInputAndCancellation()
    {
        var scorer = new ErrorSignalScorer();
        var pair = new QualityInput("Ein Kind lacht.", "A child laughs.", []);
        var scores = await scorer.ScoreAsync([pair, pair with { OtherTargets = ["x"] }], null, CancellationToken.None);
        Assert.Equal(scores[0], scores[1]);

        Assert.Equal("signals", scorer.Name);
        Assert.False(scorer.IsOracle);
        await ScorerAssert.HandlesEmptyInput(scorer);
        await ScorerAssert.HonoursCancellation(scorer, [.. Enumerable.Repeat(pair, 10)]);
    }
}
