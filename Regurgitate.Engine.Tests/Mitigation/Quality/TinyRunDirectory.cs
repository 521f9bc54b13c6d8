using System.Text.Json;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

/// <summary>
/// A run directory as the experiment runner leaves it (config.json, tokenizer/, checkpoints/) for a tiny model
/// (d_model 32, one layer each side) that memorises a few German–English pairs, forward or reverse. Seeded.
/// </summary>
internal static class TinyRunDirectory
{
    public static readonly (string De, string En)[] Pairs =
    [
        ("Ein Hund läuft über die Wiese.", "A dog runs across the meadow."),
        ("Zwei Kinder spielen im Sand.", "Two children play in the sand."),
        ("Eine Frau liest ein Buch.", "A woman reads a book."),
        ("Ein Mann fährt Fahrrad.", "A man rides a bike."),
        ("Die Katze schläft auf dem Sofa.", "The cat sleeps on the sofa."),
        ("Ein Junge isst einen roten Apfel.", "A boy eats a red apple."),
    ];

    public static RunConfig Config(bool reverse) => new()
    {
        Model = ModelConfig.Tiny with { VocabSize = 300, DModel = 32, Heads = 2, FeedForward = 64, EncoderLayers = 1, DecoderLayers = 1, Dropout = 0.1, MaxPositions = 48 },
        Reverse = reverse,
    };

    /// <summary>Trains for <paramref name="steps"/> full-batch steps and loads the result as a <see cref="TrainedModel"/>.</summary>
    public static TrainedModel Create(string directory, bool reverse, int steps)
    {
        var config = Config(reverse);
        var tokenizer = new SubwordTokenizer(new BpeLearner(config.Model.VocabSize).Learn(Pairs.SelectMany(p => new[] { p.De, p.En })));
        var special = new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId);
        var encoded = Pairs
            .Select(p => reverse ? (Source: p.En, Target: p.De) : (Source: p.De, Target: p.En))
            .Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)]))
            .ToList();

        using var random = new TorchRandomStream(reverse ? 8 : 7);
        using (var model = random.Use(() => new Modeling.TranslationTransformer(config.Model, tokenizer.VocabularySize, tokenizer.PadId)))
        {
            using (var trainer = new Seq2SeqTrainer(model, new TrainingConfig { LearningRate = 5e-3, WarmupSteps = 10, LabelSmoothing = 0 }, special, CPU, random))
            {
                var all = Enumerable.Range(0, encoded.Count).ToArray();
                for (var step = 1; step <= steps; step++)
                {
                    trainer.Step(encoded, all, step);
                }
            }

            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, TrainedModel.ConfigFileName), JsonSerializer.Serialize(config));
            tokenizer.Save(Path.Combine(directory, TrainedModel.TokenizerFolderName));
            new CheckpointStore(Path.Combine(directory, TrainedModel.CheckpointsFolderName)).Save(model, steps);
        }

        return TrainedModel.FromRunDirectory(directory);
    }
}
