using System.Diagnostics;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation.Detection;
using Xunit.Abstractions;

namespace Regurgitate.Engine.Tests.Mitigation.Detection;

/// <summary>
/// Human reference A of WMT22 de-en against one system's outputs on the same 1,984 sources, split 70/30 by source.
/// Measured with the default options (seed 1, typography folded) on this machine: GPT-4 AUC 0.741, LT22 AUC 0.763, each
/// in 2–4 s for training and evaluation; seeds 2 and 3 gave 0.734–0.775. The thresholds sit about 0.1 below, so that
/// they catch a broken detector, not a change of seed or a small change of features.
/// </summary>
public sealed class Wmt22DetectorTests(ITestOutputHelper output)
{
    [Wmt22DataFact]
    public async Task A_detector_trained_on_references_against_GPT4_beats_chance_on_held_out_sources()
    {
        var report = await TrainAgainstAsync("wmt22/GPT-4");

        Assert.True(report.RocAuc >= 0.65, $"held-out AUC {report.RocAuc:F3}");
    }

    [Wmt22DataFact]
    public async Task A_detector_trained_on_references_against_a_weak_WMT22_submission_beats_chance_clearly()
    {
        var report = await TrainAgainstAsync("wmt22/LT22");

        Assert.True(report.RocAuc >= 0.65, $"held-out AUC {report.RocAuc:F3}");
    }

    private async Task<DetectorReport> TrainAgainstAsync(string systemId)
    {
        var examples = await LoadAsync(systemId);
        var stopwatch = Stopwatch.StartNew();
        var (_, report) = DetectorTraining.TrainAndEvaluate(examples, 0.3, new DetectorOptions(), null, CancellationToken.None);
        output.WriteLine(
            $"{systemId}: {report.TrainExamples} train / {report.TestExamples} test texts, AUC {report.RocAuc:F3}, accuracy {report.Accuracy:F3}, " +
            $"Brier {report.Brier:F3}, ECE {report.ExpectedCalibrationError:F3}, train+evaluate {stopwatch.Elapsed.TotalSeconds:F2} s");
        return report;
    }

    /// <summary>Human reference and system output of each source, keyed by the German source; failed (empty) outputs are left out.</summary>
    internal static async Task<IReadOnlyList<DetectorExample>> LoadAsync(string systemId)
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory());
        var system = ImportedSystemCatalog.Find(systemId) ?? throw new InvalidOperationException($"No imported system {systemId}.");
        var pool = CorpusCatalog.Get(system.CorpusId).Pool.Single(files => files.Source == system.SourceFile);
        var human = new List<SentencePair>();
        var keepAll = new CorpusReadOptions { EmptyLines = LinePolicy.Keep, LengthRatioOutliers = LinePolicy.Keep };
        await foreach (var pair in ParallelCorpusReader.ReadPairsAsync(catalog.ResolveFile(pool.Source), catalog.ResolveFile(pool.Target), keepAll, cancellationToken: CancellationToken.None))
        {
            human.Add(pair);
        }

        var outputs = new ImportedOutputsGenerator(system.Generator, catalog.ResolveFile(system.SourceFile), catalog.ResolveFile(system.OutputFile));
        var machine = await outputs.ReadAlignedAsync(CancellationToken.None);
        Assert.Equal(human.Count, machine.Count);

        var examples = new List<DetectorExample>();
        for (var i = 0; i < human.Count; i++)
        {
            examples.Add(new DetectorExample(human[i].Source, human[i].Target, true));
            if (!string.IsNullOrWhiteSpace(machine[i].Target))
            {
                examples.Add(new DetectorExample(machine[i].Source, machine[i].Target, false));
            }
        }

        return examples;
    }
}
