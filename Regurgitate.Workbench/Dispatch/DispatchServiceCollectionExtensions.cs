using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>Registers who trains the queued runs: the in-process coordinator, or Hangfire jobs for workers.</summary>
public static class DispatchServiceCollectionExtensions
{
    /// <summary>
    /// The mode decides which services exist, so it is read here; a value that is not a mode registers the in-process
    /// default, and start-up validation then refuses it naming the key.
    /// </summary>
    public static DispatchMode ReadMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Enum.TryParse<DispatchMode>(configuration[DispatchOptions.SectionName + ":" + nameof(DispatchOptions.Mode)], ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : DispatchMode.InProcess;
    }

    /// <summary>
    /// InProcess: <see cref="RunCoordinator"/> queues and trains, as on one machine. Workers: <see cref="RunDispatcher"/>
    /// launches (the dashboard's role) and Hangfire on PostgreSQL carries the runs to <see cref="RunJob"/> in
    /// <c>regurgitate worker</c> processes (the worker's role), which run a Hangfire server with one worker thread per
    /// device slot. The coordinator is registered either way, idle in Workers mode, for the run queue's local shortcuts.
    /// </summary>
    public static IServiceCollection AddRunDispatch(this IServiceCollection services, IConfiguration configuration, WorkbenchRole role)
    {
        services.AddOptions<DispatchOptions>()
            .Bind(configuration.GetSection(DispatchOptions.SectionName))
            .Configure(o => o.Role = role)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        services.AddSingleton<IWorkerMonitor, WorkerMonitor>();
        services.AddSingleton<RunCoordinator>();
        if (ReadMode(configuration) == DispatchMode.InProcess)
        {
            services.AddSingleton<IRunLauncher>(provider => provider.GetRequiredService<RunCoordinator>());
            services.AddSingleton<IRunMonitor>(provider => provider.GetRequiredService<RunCoordinator>());
            services.AddHostedService(provider => provider.GetRequiredService<RunCoordinator>());
            return services;
        }

        services.AddHangfire((provider, hangfire) =>
        {
            var dispatch = provider.GetRequiredService<IOptions<DispatchOptions>>().Value;
            var connectionString = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(
                    bootstrap => bootstrap.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = dispatch.HangfireSchema,
                        PrepareSchemaIfNecessary = true,

                        // A live worker keeps its fetched job invisible for as long as the run trains; a vanished worker's job is
                        // handed out again once the keep-alive stops for this long (the run's lease still decides who trains).
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = dispatch.JobInvisibilityTimeout,
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                    });
        });
        services.AddSingleton<RunDispatcher>();
        services.AddSingleton<IRunLauncher>(provider => provider.GetRequiredService<RunDispatcher>());
        services.AddSingleton<IRunMonitor>(provider => provider.GetRequiredService<RunDispatcher>());
        if (role == WorkbenchRole.Dashboard)
        {
            services.AddHostedService(provider => provider.GetRequiredService<RunDispatcher>());
            return services;
        }

        if (configuration[RunsOptions.SectionName + ":" + nameof(RunsOptions.MetricFlushInterval)] is null)
        {
            services.PostConfigure<RunsOptions>(o => o.MetricFlushInterval = DispatchOptions.WorkerMetricFlushInterval);
        }

        services.AddSingleton<WorkerDevices>();
        services.AddSingleton<WorkerRegistry>();
        services.AddTransient<RunJob>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerRegistry>());
        services.AddHangfireServer((provider, server) =>
        {
            var slots = provider.GetRequiredService<WorkerDevices>().All.Count;
            server.WorkerCount = slots;
            server.Queues = [.. RunQueues.All];
            server.ServerName = provider.GetRequiredService<RunOwner>().Id;

            // A run stopping on shutdown writes its checkpoint and leaves itself queued; give it the host's time for that.
            server.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
