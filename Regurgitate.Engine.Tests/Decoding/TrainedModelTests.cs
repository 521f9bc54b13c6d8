using System.Text.Json;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Decoding;

[Collection(TorchCollection.Name)]
public sealed class TrainedModelTests : IDisposable
{
    private static readonly (string De, string En)[] Pairs =
    [
        ("Ein Hund läuft über die Wiese.", "A dog runs across the meadow."),
        ("Zwei Kinder spielen im Sand.", "Two children play in the sand."),
        ("Eine Frau liest ein Buch.", "A woman reads a book."),
        ("Ein Mann fährt Fahrrad.", "A man rides a bike."),
    ];

    private static readonly string[] Sources = [.. Pairs.Select(p => p.De), "", "Ein Hund spielt."];

    private readonly string directory = Path.Combine(Path.GetTempPath(), "regurgitate-trained-" + Guid.NewGuid().ToString("N"));

    /// <summary>A run directory as the experiment runner leaves it: config.json, tokenizer/, checkpoints/ (after a few training steps).</summary>
    /// <returns>The configuration, and the saved model's own beam-3 translations of <see cref="Sources"/> (made before saving).</returns>
    private (RunConfig Config, IReadOnlyList<string> Expected) CreateRunDirectory()
    {
        var config = new RunConfig { Model = ModelConfig.Tiny with { VocabSize = 300, DModel = 32, Heads = 2, FeedForward = 64 } };
        var tokenizer = new SubwordTokenizer(new BpeLearner(300).Learn(Pairs.SelectMany(p => new[] { p.De, p.En })));
        var special = new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId);
        var encoded = Pairs.Select(p => new EncodedPair([.. tokenizer.Encode(p.De)], [.. tokenizer.Encode(p.En)])).ToList();

        using var random = new TorchRandomStream(4);
        using var model = random.Use(() => new TranslationTransformer(config.Model, tokenizer.VocabularySize, tokenizer.PadId));
        using (var trainer = new Seq2SeqTrainer(model, new TrainingConfig { LearningRate = 3e-3, WarmupSteps = 5, LabelSmoothing = 0 }, special, CPU, random))
        {
            for (var step = 1; step <= 20; step++)
            {
                trainer.Step(encoded, [0, 1, 2, 3], step);
            }
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(config));
        tokenizer.Save(Path.Combine(directory, "tokenizer"));
        var store = new CheckpointStore(Path.Combine(directory, "checkpoints"));
        store.Save(model, 10);
        store.Save(model, 20);
        var expected = DecodingConfig.Beam(3).CreateDecoder(model, special, CPU)
            .Translate(Sources.Select(s => tokenizer.Encode(s).ToArray()).ToList(), null, CancellationToken.None)
            .Select((ids, i) => Sources[i].Length == 0 ? "" : tokenizer.Decode(ids))
            .ToList();
        return (config, expected);
    }

    [Fact]
    public void ARunDirectoryLoadsTheNewestCheckpointAndTranslatesText()
    {
        var (_, expected) = CreateRunDirectory();
        using var trained = TrainedModel.FromRunDirectory(directory);
        var reports = new List<double>();

        var outputs = trained.Translate(Sources, DecodingConfig.Beam(3) with { SentencesPerBatch = 2 }, new SynchronousProgress<double>(reports.Add), CancellationToken.None);

        Assert.Equal(20, trained.Step);
        Assert.EndsWith("step-00000020.pt", trained.Checkpoint, StringComparison.Ordinal);
        Assert.NotNull(trained.RunConfig);
        Assert.Equal(expected, outputs);
        Assert.Equal("", outputs[4]);
        Assert.All(outputs.Where((_, i) => i != 4), o => Assert.NotEmpty(o));
        Assert.Equal([1.0 / 3, 2.0 / 3, 1.0], reports);

        // The explicit-checkpoint path loads the same weights.
        using var same = TrainedModel.FromCheckpoint(trained.Checkpoint, Path.Combine(directory, "tokenizer"), trained.RunConfig!.Model);
        Assert.Equal(expected, same.Translate(Sources, DecodingConfig.Beam(3)));
        Assert.Equal(20, same.Step);
    }

    [Fact]
    public void MissingFilesAreNamedInTheErrors()
    {
        var missingRun = Assert.Throws<DirectoryNotFoundException>(() => TrainedModel.FromRunDirectory(directory));
        Assert.Contains(directory, missingRun.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(directory);
        var noConfig = Assert.Throws<FileNotFoundException>(() => TrainedModel.FromRunDirectory(directory));
        Assert.Contains("config.json", noConfig.Message, StringComparison.Ordinal);

        var (config, _) = CreateRunDirectory();
        Directory.Delete(Path.Combine(directory, "checkpoints"), recursive: true);
        var noCheckpoints = Assert.Throws<DirectoryNotFoundException>(() => TrainedModel.FromRunDirectory(directory));
        Assert.Contains("checkpoints", noCheckpoints.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(directory, "checkpoints"));
        var noIntact = Assert.Throws<FileNotFoundException>(() => TrainedModel.FromRunDirectory(directory));
        Assert.Contains("No intact checkpoint", noIntact.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(directory, "tokenizer", "merges.txt"));
        var noMerges = Assert.Throws<FileNotFoundException>(() => TrainedModel.FromRunDirectory(directory));
        Assert.Contains("merges.txt", noMerges.Message, StringComparison.Ordinal);

        var missingCheckpoint = Path.Combine(directory, "checkpoints", "step-00000099.pt");
        var noFile = Assert.Throws<FileNotFoundException>(() => TrainedModel.FromCheckpoint(missingCheckpoint, Path.Combine(directory, "tokenizer"), config.Model));
        Assert.Contains("step-00000099.pt", noFile.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
