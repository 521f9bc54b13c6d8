using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Regurgitate.Engine;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench;

/// <summary>The workbench's composition root, shared by the dashboard and the command line.</summary>
public static class WorkbenchServiceCollectionExtensions
{
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Configuration with the connection string and the "Regurgitate" sections.</param>
    /// <param name="contentRoot">Folder against which relative paths in the configuration are resolved.</param>
    /// <param name="role">A dashboard (or a command that queues runs), or a <c>regurgitate worker</c> that only trains what Hangfire hands it.</param>
    public static IServiceCollection AddRegurgitateWorkbench(this IServiceCollection services, IConfiguration configuration, string contentRoot, Dispatch.WorkbenchRole role = Dispatch.WorkbenchRole.Dashboard)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRoot);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<IDbContextFactory<RegurgitateDbContext>>(provider => new RegurgitateDbContextFactory(provider.GetRequiredService<IOptions<DatabaseOptions>>(), contentRoot));

        services.AddOptions<RunsOptions>().Bind(configuration.GetSection(RunsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunsOptions>, RunsOptionsValidator>();

        // Registration order is start-up order: the schema and the settling of interrupted runs come before any new run.
        services.AddSingleton<Folders.ArtifactFolders>();
        services.AddSingleton<Folders.FolderAdoption>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<SqliteChangeWatcher>();
        services.AddSingleton<PostgreSqlChangeWatcher>();
        services.AddSingleton<IDatabaseChanges>(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql
            ? provider.GetRequiredService<PostgreSqlChangeWatcher>()
            : provider.GetRequiredService<SqliteChangeWatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<SqliteChangeWatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<PostgreSqlChangeWatcher>());
        services.AddSingleton<RunStore>();
        services.AddSingleton<Sessions.EndedSessionStore>();
        services.AddSingleton(provider => RunOwner.ForThisProcess(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RunLeases>();
        services.AddRunDispatch(configuration, role);
        services.AddSingleton<IRunQueue, RunQueue>();
        services.AddSingleton<Runs.IRunQueries, Runs.RunQueries>();
        services.AddSingleton<Datasets.IDatasetCatalog, Datasets.DatasetCatalog>();
        services.AddDatasetCatalog(configuration);

        services.AddOptions<ExperimentsOptions>().Bind(configuration.GetSection(ExperimentsOptions.SectionName));
        services.AddSingleton<ExperimentBudgets>();
        services.AddSingleton<ExperimentPoolCheck>();
        services.AddSingleton<LocalGeneratorPreparation>();
        services.AddSingleton<PretrainingPreparation>();
        services.AddSingleton<HostedPreparation>();
        services.AddSingleton<SharedTokenizerPreparation>();
        services.AddSingleton<IExperimentService, ExperimentService>();
        services.AddSingleton<IExperimentQueries, ExperimentQueries>();
        if (role == Dispatch.WorkbenchRole.Dashboard)
        {
            // Experiments are driven by the process that queued them; a worker only trains runs.
            services.AddHostedService<ExperimentResumer>();
        }

        services.AddOptions<HeavyWorkOptions>().Bind(configuration.GetSection(HeavyWorkOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HeavyWorkOptions>, HeavyWorkOptionsValidator>();
        services.AddSingleton<HeavyWorkScheduler>();
        services.AddSingleton<Comparison.IRunComparisonService, Comparison.RunComparisonService>();
        services.AddSingleton<Analysis.IDatasetAnalysisService, Analysis.DatasetAnalysisService>();
        services.AddSingleton<Analysis.MqmAgreementService>();
        services.AddSingleton<Analysis.IMechanismsService, Analysis.MechanismsService>();
        services.AddSingleton<Analysis.ITrainingSetComparisonService, Analysis.TrainingSetComparisonService>();
        services.AddSingleton<Mitigation.IStrategyComparisonService, Mitigation.StrategyComparisonService>();
        services.AddSingleton<Mitigation.StrategyInsightsService>();
        services.AddSingleton<Mitigation.StrategyPreparation>();
        services.AddExperimentArchives(configuration);
        services.AddSingleton<Comparison.IMetricSeriesService, Comparison.MetricSeriesService>();

        services.AddRegurgitateEngine(configuration, contentRoot);
        services.AddLlmGeneratorOptions(configuration);
        return services;
    }
}
