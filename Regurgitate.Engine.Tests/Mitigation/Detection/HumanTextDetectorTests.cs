using Regurgitate.Engine.Mitigation.Detection;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;

namespace Regurgitate.Engine.Tests.Mitigation.Detection;

public sealed class HumanTextDetectorTests : IDisposable
{
    private static readonly DetectorOptions Small = new() { HashBits = 16, Epochs = 5 };
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_split_never_puts_a_source_on_both_sides_and_depends_only_on_the_seed()
    {
        var examples = SyntheticTexts.Create(200);

        var (train, test) = DetectorTraining.SplitBySource(examples, 0.25, seed: 3);

        Assert.Empty(train.Select(e => e.SourceKey).Intersect(test.Select(e => e.SourceKey)));
        Assert.Equal(examples.Count, train.Count + test.Count);
        Assert.Equal(50, test.Select(e => e.SourceKey).Distinct().Count());
        var (_, shuffledTest) = DetectorTraining.SplitBySource([.. examples.AsEnumerable().Reverse()], 0.25, seed: 3);
        Assert.Equal(test.Select(e => e.SourceKey).ToHashSet(), shuffledTest.Select(e => e.SourceKey).ToHashSet());
        var (_, otherTest) = DetectorTraining.SplitBySource(examples, 0.25, seed: 4);
        Assert.NotEqual(test.Select(e => e.SourceKey).ToHashSet(), otherTest.Select(e => e.SourceKey).ToHashSet());
    }

    [Fact]
    public void It_learns_a_separable_signal_and_reports_held_out_metrics()
    {
        var reports = new List<double>();

        var (detector, report) = DetectorTraining.TrainAndEvaluate(SyntheticTexts.Create(300), 0.3, Small, new SynchronousProgress<double>(reports.Add), CancellationToken.None);

        Assert.Equal(600, report.TrainExamples + report.TestExamples);
        Assert.Equal(180, report.TestExamples);
        Assert.True(report.RocAuc > 0.8, $"AUC {report.RocAuc}");
        Assert.True(report.Accuracy > 0.7, $"accuracy {report.Accuracy}");
        Assert.InRange(report.Brier, 0, 0.25);
        Assert.InRange(report.ExpectedCalibrationError, 0, 1);
        Assert.Equal(10, report.Calibration.Count);
        Assert.Equal(report.TestExamples, report.Calibration.Sum(b => b.Count));
        Assert.Equal((1.0, 1.0), (report.Roc[^1].FalsePositiveRate, report.Roc[^1].TruePositiveRate));
        Assert.True(detector.ProbabilityHuman("however the minister said “word”.") > detector.ProbabilityHuman("moreover the minister said \"word\"."));
        Assert.Equal(1.0, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.Second >= pair.First), "progress must not go backwards");
    }

    [Fact]
    public void The_same_seed_gives_identical_probabilities_and_another_seed_different_ones()
    {
        var examples = SyntheticTexts.Create(150);
        string[] probes = ["however the city was new.", "moreover the dog is in a house.", "the \"word\" report"];

        var first = HumanTextDetector.Train(examples, Small, null, CancellationToken.None).ProbabilityHuman(probes);
        var second = HumanTextDetector.Train(examples, Small, null, CancellationToken.None).ProbabilityHuman(probes);
        var otherSeed = HumanTextDetector.Train(examples, Small with { Seed = 2 }, null, CancellationToken.None).ProbabilityHuman(probes);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void A_saved_detector_loads_with_its_options_and_gives_identical_probabilities()
    {
        var detector = HumanTextDetector.Train(SyntheticTexts.Create(100), Small with { LowerCase = true, L2 = 1e-4 }, null, CancellationToken.None);
        var path = Path.Combine(temp.Path, "models", "detector.bin");
        string[] probes = ["However the city was new.", "moreover the dog is in a house.", "", "“word” ü"];

        detector.Save(path);
        var loaded = HumanTextDetector.Load(path);

        Assert.Equal(detector.Options, loaded.Options);
        Assert.Equal(detector.ProbabilityHuman(probes), loaded.ProbabilityHuman(probes));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void A_damaged_or_foreign_file_is_an_error_naming_the_file()
    {
        var path = Path.Combine(temp.Path, "detector.bin");
        HumanTextDetector.Train(SyntheticTexts.Create(50), Small, null, CancellationToken.None).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var damaged = Assert.Throws<InvalidDataException>(() => HumanTextDetector.Load(path));
        Assert.Contains(path, damaged.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", damaged.Message, StringComparison.Ordinal);

        var truncated = temp.Write("truncated.bin", bytes[..10]);
        Assert.Contains(truncated, Assert.Throws<InvalidDataException>(() => HumanTextDetector.Load(truncated)).Message, StringComparison.Ordinal);
        var foreign = temp.Write("foreign.bin", "this is not a detector, just some text");
        Assert.Contains(foreign, Assert.Throws<InvalidDataException>(() => HumanTextDetector.Load(foreign)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_single_class_or_out_of_range_input_is_a_clear_argument_error()
    {
        var examples = SyntheticTexts.Create(20);

        Assert.Contains("none", Assert.Throws<ArgumentException>(() => HumanTextDetector.Train([], Small, null, CancellationToken.None)).Message);
        Assert.Contains("both human and machine", Assert.Throws<ArgumentException>(
            () => HumanTextDetector.Train([.. examples.Where(e => e.IsHuman)], Small, null, CancellationToken.None)).Message);
        Assert.Contains("HashBits", Assert.Throws<ArgumentException>(
            () => HumanTextDetector.Train(examples, Small with { HashBits = 40 }, null, CancellationToken.None)).Message);
        Assert.Contains("LearningRate", Assert.Throws<ArgumentException>(
            () => HumanTextDetector.Train(examples, Small with { LearningRate = 0 }, null, CancellationToken.None)).Message);
        Assert.Contains("CharNgramMax", Assert.Throws<ArgumentException>(
            () => HumanTextDetector.Train(examples, Small with { CharNgramMin = 4, CharNgramMax = 3 }, null, CancellationToken.None)).Message);
        Assert.Throws<ArgumentException>(() => DetectorTraining.TrainAndEvaluate(examples, 1.0, Small, null, CancellationToken.None));
    }

    [Fact]
    public void Typography_is_folded_by_default_so_quote_style_alone_cannot_tell_the_classes_apart()
    {
        // In SyntheticTexts human sentences use curly quotes and machine ones straight quotes (as on WMT22).
        var examples = SyntheticTexts.Create(200);
        const string curly = "the “word” report was new.";
        const string straight = "the \"word\" report was new.";

        var folded = HumanTextDetector.Train(examples, Small, null, CancellationToken.None);
        var literal = HumanTextDetector.Train(examples, Small with { NormalizeTypography = false }, null, CancellationToken.None);

        Assert.Equal(folded.ProbabilityHuman(curly), folded.ProbabilityHuman(straight));
        Assert.True(literal.ProbabilityHuman(curly) > literal.ProbabilityHuman(straight) + 0.05);
    }

    [Fact]
    public void Training_honours_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => HumanTextDetector.Train(SyntheticTexts.Create(50), Small, null, cancellation.Token));
    }
}
