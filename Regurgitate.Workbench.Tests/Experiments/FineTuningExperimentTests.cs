using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// A fine-tuning experiment at toy scale through the real experiment service: one model pretrained on another corpus,
/// every grid run starting from it with its tokenizer, its zero-shot score as the size-0 point of every learning curve,
/// and a second start reusing the pretrained model instead of training it again.
/// </summary>
public sealed class FineTuningExperimentTests : IDisposable
{
    // The toy generator's translations, encoded with a vocabulary learned from another corpus, run long: the grid
    // model has room for them.
    private static readonly TrainingConfig LongSentences = ToyWorkbenchHost.Quick with { MaxTokensPerSentence = 200, TokensPerBatch = 1_024, Epochs = 2, WarmupSteps = 1 };

    private static readonly ExperimentSpec Spec = ToyExperimentSpecs.RealVsLow("toy fine-tuning", ToyWorkbenchHost.Quick) with
    {
        Sizes = [40, 80],
        Seeds = [1],
        Model = ToyWorkbenchHost.Toy with { MaxPositions = 256 },
        Training = LongSentences,
        Budget = TrainingBudget.MatchedSteps,
        Pretrain = new PretrainSpec { CorpusId = "tatoeba", TrainSize = 120, DevSize = 8, TestSize = 12, Seed = 3, Training = LongSentences with { Epochs = 2 } },
    };

    private readonly ToyWorkbenchHost workbench = new();

    public void Dispose() => workbench.Dispose();

    [Fact]
    public async Task Every_grid_run_fine_tunes_the_pretrained_model_whose_own_score_starts_every_learning_curve()
    {
        using var host = workbench.Build();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec, CancellationToken.None);

        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);

        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        var runs = await RunsAsync(factory, id);
        var pretraining = Assert.Single(runs, r => r.Role == RunRole.Pretraining && r.Condition == FineTuning.PretrainingCondition);
        var zeroShot = Assert.Single(runs, r => r.Role == RunRole.Pretraining && r.Condition == FineTuning.ZeroShotCondition);
        Assert.All(runs, r => Assert.True(r.Status == RunStatus.Completed, $"run {r.Id} ({r.Condition}): {r.Status} {r.Message}"));
        Assert.Equal("tatoeba", pretraining.CorpusId);
        var pretrainedDirectory = await folders.VerifyRunAsync(pretraining.Id, CancellationToken.None);
        var vocabulary = await File.ReadAllTextAsync(Path.Combine(pretrainedDirectory, "tokenizer", SubwordTokenizer.VocabularyFileName));

        // The zero-shot run trained nothing: it scored the pretrained weights on the experiment's own test set.
        var zeroShotConfig = Config(zeroShot);
        Assert.Equal(0, zeroShotConfig.Training.MaxSteps);
        Assert.Equal((Spec.CorpusId, Spec.TestSize, Spec.SplitSeed), (zeroShotConfig.CorpusId, zeroShotConfig.TestSize, zeroShotConfig.EffectiveSplitSeed));
        Assert.Equal(0, zeroShot.LastStep);

        var grid = runs.Where(r => r.Role == RunRole.Grid).ToList();
        Assert.Equal(4, grid.Count);
        foreach (var run in grid)
        {
            var config = Config(run);
            Assert.Equal(pretrainedDirectory, config.InitFrom);
            Assert.Equal(Path.Combine(pretrainedDirectory, "tokenizer"), config.TokenizerDirectory);
            Assert.Equal(vocabulary, await File.ReadAllTextAsync(Path.Combine(await folders.VerifyRunAsync(run.Id, CancellationToken.None), "tokenizer", SubwordTokenizer.VocabularyFileName)));
        }

        // The budget policy applies as from scratch: every condition of a size trains the all-real run's steps.
        Assert.All(grid.GroupBy(r => r.TrainSize), size => Assert.Single(size.Select(r => r.LastStep).Distinct()));

        var detail = await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None);
        Assert.All(LearningCurve.From(detail!.Runs), curve => Assert.Equal([40, 80], curve.Points.Select(p => p.Size)));
        var curves = LearningCurve.From(detail.Runs, pretrainedAtSizeZero: true);
        Assert.Equal(["real", "low"], curves.Select(c => c.Condition));
        Assert.All(curves, curve =>
        {
            Assert.Equal([0, 40, 80], curve.Points.Select(p => p.Size));
            Assert.Equal(zeroShot.TestBleu, curve.Points[0].Mean);
            Assert.Equal(1, curve.Points[0].Seeds);
        });
        Assert.Equal(zeroShot.TestBleu, LearningCurve.PretrainedScore(detail.Runs));

        // The exported curve (an archive's figures/learning-curve.csv) starts at size 0 as the report does.
        var csv = ExperimentArchiveWriter.LearningCurveCsv(runs).Split('\n');
        Assert.Contains(csv, line => line.StartsWith(FormattableString.Invariant($"bleu,real,0,{zeroShot.TestBleu:R}"), StringComparison.Ordinal));
        Assert.Contains(csv, line => line.StartsWith("bleu,low,0,", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.StartsWith("chrf,real,0,", StringComparison.Ordinal));

        // Started again, the experiment reuses the pretrained model and its score rather than training them twice.
        var again = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.True(again.Status == ExperimentStatus.Finished, again.Message);
        Assert.Equal(runs.Select(r => r.Id), (await RunsAsync(factory, id)).Select(r => r.Id));
        await host.StopAsync();
    }

    [Fact]
    public void A_pretrain_section_on_the_experiment_corpus_or_with_per_run_tokenizers_is_refused_by_path()
    {
        var errors = ExperimentSpecValidator.Validate(Spec with
        {
            Tokenizer = TokenizerSharing.PerRun,
            Budget = TrainingBudget.Epochs,
            Pretrain = Spec.Pretrain! with { CorpusId = Spec.CorpusId, TrainSize = 8, Training = Spec.Pretrain.Training with { WarmupSteps = -1 } },
        });

        Assert.Equal(["pretrain.corpusId", "pretrain.trainSize", "pretrain.training.warmupSteps", "tokenizer"], errors.Select(e => e.Field));
    }

    private static RunConfig Config(Run run) => JsonSerializer.Deserialize<RunConfig>(run.ConfigJson, RunStore.JsonOptions)!;

    private static async Task<List<Run>> RunsAsync(IDbContextFactory<RegurgitateDbContext> factory, int experimentId)
    {
        await using var context = await factory.CreateDbContextAsync();
        return await context.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).OrderBy(r => r.Id).ToListAsync();
    }
}
