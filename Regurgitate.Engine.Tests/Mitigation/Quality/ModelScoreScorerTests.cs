using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Mitigation.Quality;
using Regurgitate.Engine.Tests.TestSupport;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

[Collection(TorchCollection.Name)]
public sealed class ModelScoreScorerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "regurgitate-model-score-" + Guid.NewGuid().ToString("N"));
    private readonly SingleTorchThread thread = new();

    /// <summary>
    /// The mean log-probability of <paramref name="target"/> + EOS computed one token at a time through the incremental
    /// decoder (<see cref="Modeling.TranslationTransformer.DecodeStep"/>), independently of the batched teacher-forced pass.
    /// </summary>
    private static double StepwiseMeanLogProbability(TrainedModel trained, string source, string target)
    {
        var model = trained.Model;
        var special = trained.Special;
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sourceIds = tensor(trained.Tokenizer.Encode(source).Select(i => (long)i).Append(special.Eos).ToArray()).unsqueeze(0);
        var mask = model.SourceMask(sourceIds);
        using var state = model.StartDecoding(model.Encode(sourceIds, mask), mask);
        var outputs = trained.Tokenizer.Encode(target).Append(special.Eos).ToArray();
        double sum = 0;
        long previous = special.Bos;
        foreach (var next in outputs)
        {
            var logProbs = model.DecodeStep(tensor(new[] { previous }), state);
            sum += logProbs[0, next].item<float>();
            previous = next;
        }

        return sum / outputs.Length;
    }

    [Fact]
    public void ScoreTargetsEqualsTheStepwiseLogProbabilitiesInInputOrder()
    {
        using var trained = TinyRunDirectory.Create(directory, reverse: false, steps: 120);
        var pairs = TinyRunDirectory.Pairs;
        string[] sources = [.. pairs.Select(p => p.De), pairs[0].De, "Ein Hund liest.", pairs[2].De];
        string[] targets = [.. pairs.Select(p => p.En), pairs[3].En, "A dog reads a book on the sofa in the sand.", ""];

        trained.Model.train(); // the scores must not depend on the mode the caller left the model in
        var batched = trained.ScoreTargets(sources, targets, batchSize: 2);
        var single = trained.ScoreTargets(sources, targets, batchSize: 1);

        Assert.True(trained.Model.training);
        for (var i = 0; i < sources.Length; i++)
        {
            var expected = StepwiseMeanLogProbability(trained, sources[i], targets[i]);
            Assert.True(Math.Abs(expected - batched[i]) < 1e-4, $"pair {i}: stepwise {expected}, batched {batched[i]}");
            Assert.True(Math.Abs(single[i] - batched[i]) < 1e-5, $"pair {i}: alone {single[i]}, batched {batched[i]}");
            Assert.True(batched[i] < 0);
        }

        // A memorised target is far likelier than another sentence's target.
        Assert.True(batched[0] > batched[6] + 0.5, $"{batched[0]} vs {batched[6]}");
    }

    [Fact]
    public void AGreedyTranslationScoresHigherThanItsWordsShuffled()
    {
        using var trained = TinyRunDirectory.Create(directory, reverse: false, steps: 40);
        var sources = TinyRunDirectory.Pairs.Select(p => p.De).ToList();
        var greedy = trained.Translate(sources, DecodingConfig.Greedy);
        var random = new Random(5);
        var shuffled = greedy.Select(g =>
        {
            var words = g.Split(' ');
            string candidate;
            do
            {
                candidate = string.Join(' ', words.OrderBy(_ => random.Next()));
            }
            while (candidate == g && words.Distinct().Count() > 1);
            return candidate;
        }).ToList();

        var greedyScores = trained.ScoreTargets(sources, greedy);
        var shuffledScores = trained.ScoreTargets(sources, shuffled);

        for (var i = 0; i < sources.Count; i++)
        {
            Assert.NotEqual(greedy[i], shuffled[i]);
            Assert.True(greedyScores[i] > shuffledScores[i], $"'{greedy[i]}' {greedyScores[i]} vs '{shuffled[i]}' {shuffledScores[i]}");
        }
    }

    [Fact]
    public async Task TheScorerReturnsTheModelScoresAndNullWhereItCannotScore()
    {
        using var trained = TinyRunDirectory.Create(directory, reverse: false, steps: 5);
        var tooLong = string.Join(' ', Enumerable.Repeat("A dog runs across the meadow.", 12));
        var pairs = TinyRunDirectory.Pairs;
        QualityInput[] inputs =
        [
            new(pairs[0].De, pairs[0].En, []),
            new(" ", pairs[1].En, []),
            new(pairs[1].De, tooLong, []),
            new(pairs[2].De, pairs[2].En, [pairs[3].En]),
            new(pairs[0].De, pairs[0].En, []),
        ];
        var scorer = new ModelScoreScorer(trained, batchSize: 2);

        var scores = await ScorerAssert.ScoreWithProgress(scorer, inputs);

        var direct = trained.ScoreTargets([pairs[0].De, pairs[2].De], [pairs[0].En, pairs[2].En]);
        Assert.Equal(direct[0], scores[0]!.Value, 12);
        Assert.Null(scores[1]);
        Assert.Null(scores[2]);
        Assert.True(double.IsNaN(trained.ScoreTargets([pairs[1].De], [tooLong])[0]));
        Assert.Equal(direct[1], scores[3]!.Value, 12);
        Assert.Equal(scores[0], scores[4]); // ties
        Assert.Equal(scores, await scorer.ScoreAsync(inputs, null, CancellationToken.None));
    }

    [Fact]
    public async Task EmptyInputCancellationArgumentsAndIdentity()
    {
        using var trained = TinyRunDirectory.Create(directory, reverse: false, steps: 1);
        var scorer = new ModelScoreScorer(trained, batchSize: 1);
        Assert.Equal("model", scorer.Name);
        Assert.False(scorer.IsOracle);
        await ScorerAssert.HandlesEmptyInput(scorer);
        await ScorerAssert.HonoursCancellation(scorer, [.. TinyRunDirectory.Pairs.Select(p => new QualityInput(p.De, p.En, []))]);

        Assert.Throws<ArgumentException>(() => trained.ScoreTargets(["a"], ["b", "c"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => trained.ScoreTargets(["a"], ["b"], batchSize: 0));
        Assert.Empty(trained.ScoreTargets([], []));
    }

    [Fact]
    public void AReverseModelIsRefused()
    {
        using var reverse = TinyRunDirectory.Create(directory, reverse: true, steps: 1);
        var error = Assert.Throws<ArgumentException>(() => new ModelScoreScorer(reverse));
        Assert.Contains("English into German", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        thread.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
