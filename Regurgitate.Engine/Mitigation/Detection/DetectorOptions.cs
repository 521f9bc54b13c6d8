namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// Features and training of <see cref="HumanTextDetector"/>: logistic regression over hashed word n-grams (tokens are
/// runs of letters/digits and single punctuation marks, with sentence-start and -end markers) and character n-grams taken
/// inside each token padded with one space on either side, so they never straddle two words but do see word starts and ends.
/// Text is lower-cased only when <see cref="LowerCase"/> is set: the default keeps case, because capitalisation and
/// typographic habits are part of what tells human from machine English. Typography proper (curly versus straight
/// quotes and apostrophes, dashes, ellipses, non-breaking spaces) is folded to ASCII when <see cref="NormalizeTypography"/>
/// is set, which is the default: on WMT22 the human references use curly quotes and the systems straight ones, and a
/// detector that learns that house style would rank synthetic pairs by their quote marks rather than their language.
/// </summary>
public sealed record DetectorOptions
{
    /// <summary>The weight vector has 2^HashBits entries (collisions are rare below ~10% of that many distinct n-grams).</summary>
    public int HashBits { get; init; } = 20;

    public int WordNgramMin { get; init; } = 1;
    public int WordNgramMax { get; init; } = 2;
    public int CharNgramMin { get; init; } = 2;
    public int CharNgramMax { get; init; } = 5;
    public bool LowerCase { get; init; }
    public bool NormalizeTypography { get; init; } = true;

    public int Epochs { get; init; } = 10;

    /// <summary>AdaGrad base step size.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>L2 penalty per example on the weights an example touches (the bias is not penalised).</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>Seeds the example order of each epoch (and the train/test split in <see cref="DetectorTraining"/>).</summary>
    public int Seed { get; init; } = 1;

    /// <exception cref="ArgumentException">A value is out of range; the message names the option and its range.</exception>
    public void Validate()
    {
        Check(HashBits is >= 10 and <= 26, nameof(HashBits), HashBits, "10..26");
        Check(WordNgramMin is >= 1 and <= 5, nameof(WordNgramMin), WordNgramMin, "1..5");
        Check(WordNgramMax >= WordNgramMin && WordNgramMax <= 5, nameof(WordNgramMax), WordNgramMax, $"{WordNgramMin}..5");
        Check(CharNgramMin is >= 1 and <= 10, nameof(CharNgramMin), CharNgramMin, "1..10");
        Check(CharNgramMax >= CharNgramMin && CharNgramMax <= 10, nameof(CharNgramMax), CharNgramMax, $"{CharNgramMin}..10");
        Check(Epochs is >= 1 and <= 1000, nameof(Epochs), Epochs, "1..1000");
        Check(double.IsFinite(LearningRate) && LearningRate > 0 && LearningRate <= 10, nameof(LearningRate), LearningRate, "(0, 10]");
        Check(double.IsFinite(L2) && L2 >= 0 && L2 < 1, nameof(L2), L2, "[0, 1)");
    }

    private static void Check(bool ok, string name, object value, string range)
    {
        if (!ok)
        {
            throw new ArgumentException($"Detector option {name} = {value} is out of range; expected {range}.", name);
        }
    }
}
