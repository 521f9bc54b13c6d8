using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// Tells human English translations from machine ones: class-balanced logistic regression over hashed word and
/// character n-grams (<see cref="DetectorOptions"/>), trained by AdaGrad SGD in a seeded order on one thread, so the
/// same examples, options and seed give bit-identical weights. Scoring is thread-safe.
/// </summary>
public sealed class HumanTextDetector
{
    private const ulong ShuffleStream = 0x4445_5445_4354_4F52UL; // "DETECTOR"
    private const int CheckEvery = 256;

    private readonly DetectorFeaturizer featurizer;
    private readonly double[] weights;
    private readonly double bias;

    private HumanTextDetector(DetectorOptions options, double[] weights, double bias)
    {
        Options = options;
        featurizer = new DetectorFeaturizer(options);
        this.weights = weights;
        this.bias = bias;
    }

    public DetectorOptions Options { get; }

    /// <exception cref="ArgumentException">No examples, only one class, an empty text, or an option out of range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every few hundred examples).</exception>
    public static HumanTextDetector Train(
        IReadOnlyList<DetectorExample> examples,
        DetectorOptions options,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ValidateExamples(examples, nameof(examples));

        var featurizer = new DetectorFeaturizer(options);
        var features = new SparseFeatures[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            if (i % CheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            features[i] = featurizer.Featurize(examples[i].Text);
        }

        // Featurising is roughly one epoch's work; give it that share of the progress bar.
        var totalUnits = (double)examples.Count * (options.Epochs + 1);
        progress?.Report(examples.Count / totalUnits);

        // Class weights N / (2 N_c): each class contributes half of the loss whatever the imbalance, so the decision
        // threshold 0.5 means "equally likely" rather than echoing the share of machine texts in the training data.
        var humans = examples.Count(e => e.IsHuman);
        var humanWeight = examples.Count / (2.0 * humans);
        var machineWeight = examples.Count / (2.0 * (examples.Count - humans));

        var weights = new double[featurizer.Dimension];
        var squaredGradients = new double[featurizer.Dimension];
        double bias = 0, biasSquaredGradient = 0;
        const double epsilon = 1e-8;
        var random = new DeterministicRandom(options.Seed, ShuffleStream);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = random.Permutation(examples.Count);
            for (var k = 0; k < order.Length; k++)
            {
                if (k % CheckEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var example = examples[order[k]];
                var x = features[order[k]];
                var p = Sigmoid(Score(weights, bias, x));
                var g = (p - (example.IsHuman ? 1 : 0)) * (example.IsHuman ? humanWeight : machineWeight);
                for (var j = 0; j < x.Indices.Length; j++)
                {
                    var index = x.Indices[j];
                    var gradient = g * x.Values[j] + options.L2 * weights[index];
                    squaredGradients[index] += gradient * gradient;
                    weights[index] -= options.LearningRate * gradient / (Math.Sqrt(squaredGradients[index]) + epsilon);
                }

                biasSquaredGradient += g * g;
                bias -= options.LearningRate * g / (Math.Sqrt(biasSquaredGradient) + epsilon);
            }

            progress?.Report((examples.Count * (epoch + 2.0)) / totalUnits);
        }

        return new HumanTextDetector(options, weights, bias);
    }

    /// <summary>Probability that <paramref name="englishText"/> is a human translation.</summary>
    public double ProbabilityHuman(string englishText)
    {
        ArgumentNullException.ThrowIfNull(englishText);
        return Sigmoid(Score(weights, bias, featurizer.Featurize(englishText)));
    }

    public IReadOnlyList<double> ProbabilityHuman(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new double[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] = ProbabilityHuman(texts[i]);
        }

        return result;
    }

    /// <summary>Writes the model atomically (temporary file, then rename), so a crash never leaves a half-written model.</summary>
    public void Save(string path) => DetectorFile.Write(path, Options, weights, bias);

    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a detector, is from an unknown format version, or is damaged; the message names the file.</exception>
    public static HumanTextDetector Load(string path)
    {
        var (options, weights, bias) = DetectorFile.Read(path);
        return new HumanTextDetector(options, weights, bias);
    }

    internal static void ValidateExamples(IReadOnlyList<DetectorExample> examples, string parameterName)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException("The detector needs training examples; none were given.", parameterName);
        }

        var humans = 0;
        foreach (var example in examples)
        {
            if (example is null || string.IsNullOrWhiteSpace(example.Text) || example.SourceKey is null)
            {
                throw new ArgumentException("Every detector example needs a source key and a non-empty text (drop failed translations first).", parameterName);
            }

            humans += example.IsHuman ? 1 : 0;
        }

        if (humans == 0 || humans == examples.Count)
        {
            throw new ArgumentException(
                $"The detector needs both human and machine examples; all {examples.Count} are {(humans == 0 ? "machine" : "human")}.", parameterName);
        }
    }

    private static double Score(double[] weights, double bias, SparseFeatures x)
    {
        var z = bias;
        for (var j = 0; j < x.Indices.Length; j++)
        {
            z += weights[x.Indices[j]] * x.Values[j];
        }

        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
