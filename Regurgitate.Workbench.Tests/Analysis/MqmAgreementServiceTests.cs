using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Workbench.Tests.Analysis;

/// <summary>MQM annotations for GPT-4 on real WMT22 sources, matched to a small sampled analysis of wmt22/GPT-4 and wmt22/LT22.</summary>
public sealed class MqmAgreementServiceTests : IDisposable
{
    private const string Header = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("mqm-agreement-").FullName;

    private static readonly CorpusCatalog Shared =
        new(new DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.GetTempPath() }, Directory.GetCurrentDirectory());

    private MqmAgreementService Service => new(new CorpusCatalog(new DataOptions { DataDirectory = dataDirectory }, Directory.GetCurrentDirectory()));

    private static async Task<DatasetAnalysis> AnalyseAsync()
    {
        var service = new DatasetAnalysisService(Shared, new SyntheticDatasetRepository(Shared), TestHeavyWork.Scheduler(), NullLogger<DatasetAnalysisService>.Instance);
        return await service.AnalyzeAsync(new DatasetAnalysisRequest("wmt22", ["wmt22/GPT-4", "wmt22/LT22"], SampleSize: 60), null, CancellationToken.None);
    }

    [Fact]
    public async Task Segments_match_the_sampled_pairs_by_source_text_and_sets_without_a_system_are_listed()
    {
        var analysis = await AnalyseAsync();
        var lines = await File.ReadAllLinesAsync(Shared.ResolveFile("wmt22-deen/generaltest2022.de-en.src.de"));
        var sampled = analysis.Report.SampleIndices!.Select(i => SourceKey.Of(analysis.Sources[i])).ToHashSet(SourceKey.Comparer);
        var inSample = Enumerable.Range(0, lines.Length).Where(l => sampled.Contains(SourceKey.Of(lines[l]))).Take(3).ToArray();
        var outside = Enumerable.Range(0, lines.Length).First(l => !sampled.Contains(SourceKey.Of(lines[l])) && lines[l].Trim().Length > 0);
        Assert.Equal(3, inSample.Length);

        var tsv = new StringBuilder(Header).Append('\n');
        void Row(string system, int line, string rater, string category, string severity)
        {
            var words = lines[line].Trim().Split(' ', 2);
            var marked = "<v>" + words[0] + "</v>" + (words.Length > 1 ? " " + words[1] : string.Empty);
            tsv.Append(System.FormattableString.Invariant($"{system}\tdoc\t1\t{line + 1}\t{rater}\t{marked}\tsome output\t{category}\t{severity}\n"));
        }

        Row("GPT-4", inSample[0], "rater1", "Accuracy/Mistranslation", "Major");
        Row("GPT-4", inSample[1], "rater1", "Fluency/Grammar", "Minor");
        Row("GPT-4", inSample[2], "rater1", "No-error", "No-error");
        Row("GPT-4", outside, "rater1", "Accuracy/Omission", "Major");
        Row("Online-W", inSample[0], "rater1", "No-error", "No-error");
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "mqm.tsv"), tsv.ToString());

        var report = await Service.MeasureAsync(analysis, "mqm.tsv", CancellationToken.None);

        Assert.Equal(5, report.Annotations);
        Assert.Equal(["GPT-4", "Online-W"], report.Systems);
        var gpt4 = Assert.Single(report.Sets, s => s.SetId == "wmt22/GPT-4");
        Assert.Equal("GPT-4", gpt4.System);
        Assert.Equal(4, gpt4.AnnotatedSegments);
        Assert.Equal(3, gpt4.MatchedSegments);
        Assert.NotNull(gpt4.Agreement);
        Assert.Equal(1, gpt4.Agreement.Unmatched);
        Assert.Equal(1, gpt4.Agreement.HumanMajorSegments);
        Assert.Contains(gpt4.Agreement.Detectors, d => d.Detector == "any signal");
        Assert.Equal(3, gpt4.Agreement.Detectors[^1].TruePositives + gpt4.Agreement.Detectors[^1].FalsePositives
            + gpt4.Agreement.Detectors[^1].FalseNegatives + gpt4.Agreement.Detectors[^1].TrueNegatives);
        var lt22 = Assert.Single(report.Sets, s => s.SetId == "wmt22/LT22");
        Assert.Null(lt22.System);
        Assert.Null(lt22.Agreement);
    }

    [Fact]
    public async Task A_path_outside_the_data_directory_a_missing_file_or_a_malformed_file_is_a_clear_error()
    {
        var analysis = await AnalyseAsync();
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "bad.tsv"), "system\tdoc\n");

        var outside = await Assert.ThrowsAsync<MqmImportException>(() => Service.MeasureAsync(analysis, "../elsewhere.tsv", CancellationToken.None));
        Assert.Contains("not inside the data directory", outside.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<MqmImportException>(() => Service.MeasureAsync(analysis, "nothing.tsv", CancellationToken.None));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<MqmImportException>(() => Service.MeasureAsync(analysis, "bad.tsv", CancellationToken.None));
        Assert.Contains("not a valid MQM annotation file", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("seg_id", malformed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MqmImportException>(() => Service.MeasureAsync(analysis, " ", CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
