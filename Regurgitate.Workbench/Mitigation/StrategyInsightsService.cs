using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Mitigation.Detection;
using Regurgitate.Engine.Storage;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>Reads the ordered strategies' scoring results of an experiment (nothing is computed until the experiment has scored).</summary>
public sealed class StrategyInsightsService(IDbContextFactory<RegurgitateDbContext> contextFactory, ArtifactFolders folders)
{
    public const string DetectorReportFileName = "detector-report.json";
    public const string OracleComponent = "oracle-chrf";

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>One insight per ordered strategy whose scores exist; empty for experiments without ordered strategies.</summary>
    public async Task<IReadOnlyList<StrategyInsight>> GetAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var specJson = await context.Experiments.Where(e => e.Id == experimentId).Select(e => e.SpecJson).SingleOrDefaultAsync(cancellationToken);
        if (specJson is null)
        {
            return [];
        }

        var scoresDirectory = Path.Combine(await folders.VerifyExperimentAsync(experimentId, cancellationToken), ArtifactFolders.ScoresFolderName);
        var plan = ExperimentGrid.Expand(ExperimentSpecJson.Parse(specJson, $"experiment {experimentId}"), null, scoresDirectory);
        var insights = new List<StrategyInsight>();
        foreach (var job in plan.Scorings)
        {
            var detector = await ReadDetectorReportAsync(job.Directory, cancellationToken);
            var agreement = new List<ScorerAgreement>();
            foreach (var generatorId in job.GeneratorIds.Where(id => PairScoreStore.Exists(job.Directory, id)))
            {
                var scores = await PairScoreStore.LoadAsync(job.Directory, generatorId, cancellationToken);
                agreement.AddRange(Agreement(scores));
            }

            if (detector is not null || agreement.Count > 0)
            {
                insights.Add(new StrategyInsight(job.Strategy.Name, job.Strategy.Order, detector, agreement));
            }
        }

        return insights;
    }

    /// <summary>
    /// The scorer's own value and each of its components against the oracle component stored beside them (quality
    /// scores keep their parts; a detector's probability of "human" is its only value).
    /// </summary>
    public static IEnumerable<ScorerAgreement> Agreement(PairScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var rows = scores.All.Where(s => s.Components?.GetValueOrDefault(OracleComponent) is not null).ToList();
        if (rows.Count == 0)
        {
            yield break;
        }

        var names = rows.SelectMany(r => r.Components!.Keys).Where(k => k != OracleComponent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var name in names.Prepend(scores.ScorerName))
        {
            var both = rows
                .Select(r => (Score: name == scores.ScorerName ? r.Value : r.Components!.GetValueOrDefault(name), Oracle: r.Components![OracleComponent]))
                .Where(p => p.Score is not null)
                .ToList();
            List<double> x = [.. both.Select(p => p.Score!.Value)];
            List<double> y = [.. both.Select(p => p.Oracle!.Value)];
            yield return new ScorerAgreement(scores.GeneratorId, name, both.Count, MqmAgreement.KendallTauB(x, y), MqmAgreement.Spearman(x, y), MqmAgreement.Pearson(x, y));
        }
    }

    public static async Task WriteDetectorReportAsync(string scoringDirectory, DetectorReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(scoringDirectory);
        var path = Path.Combine(scoringDirectory, DetectorReportFileName);
        await AtomicFile.WriteAsync(path, (stream, token) => JsonSerializer.SerializeAsync(stream, report, ReportJson, token), cancellationToken);
    }

    public static async Task<DetectorReport?> ReadDetectorReportAsync(string scoringDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(scoringDirectory, DetectorReportFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DetectorReport>(stream, ReportJson, cancellationToken);
    }
}
