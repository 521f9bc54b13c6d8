using System.Text.Json;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Benchmarks;

/// <summary>
/// What the dispatch benchmark's parts share: the dashboard's settings (Workers mode on a throwaway PostgreSQL
/// database, artefacts on a shared root), a worker's own content root, and waiting for workers to join.
/// </summary>
internal static class DispatchSetup
{
    /// <summary>The dashboard side: Workers mode, otherwise the defaults a user gets.</summary>
    public static Dictionary<string, string?> DashboardSettings(string connectionString, string shared) => new()
    {
        ["ConnectionStrings:Regurgitate"] = connectionString,
        ["Regurgitate:Database:Provider"] = "PostgreSql",
        ["Regurgitate:Dispatch:Mode"] = "Workers",
        ["Regurgitate:Runs:RunsDirectory"] = Path.Combine(shared, "runs"),
        ["Regurgitate:Experiments:ExperimentsDirectory"] = Path.Combine(shared, "experiments"),
        ["Regurgitate:Data:DatasetsDirectory"] = Path.Combine(shared, "datasets"),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>A worker's own folder, as on another host: the corpora, and a metric flush interval when given; the rest is default.</summary>
    public static string WorkerRoot(string root, string name, string? metricFlushInterval)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        object runs = metricFlushInterval is null ? new { } : new { MetricFlushInterval = metricFlushInterval };
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data }, Runs = runs },
        }));
        return folder;
    }

    /// <summary>The worker's options, the same for <c>regurgitate worker</c> and the benchmark's sleeping worker.</summary>
    public static string[] WorkerArguments(string shared, string connectionString, string contentRoot) =>
        ["--devices", "cpu", "--artifact-root", shared, "--connection", connectionString, "--content-root", contentRoot];

    /// <summary>Returns once every worker printed its "joined" line; throws with their output when one exits or the time is up.</summary>
    public static async Task WaitJoinedAsync(IReadOnlyList<CliProcess> workers, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!workers.All(w => w.Output.Contains(" joined: ", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline || workers.Any(w => w.HasExited))
            {
                throw new InvalidOperationException("A worker did not join: " + string.Join("\n----\n", workers.Select(w => w.Output)));
            }

            await Task.Delay(100);
        }
    }

    public static async Task StopAsync(IEnumerable<CliProcess> workers)
    {
        foreach (var worker in workers)
        {
            await worker.TerminateAsync();
        }

        foreach (var worker in workers)
        {
            if (!await worker.WaitForExitAsync(TimeSpan.FromSeconds(40)))
            {
                await worker.KillAsync();
            }

            worker.Dispose();
        }
    }

    /// <summary>A toy run: seconds of training on two cores, its one dev evaluation at the end.</summary>
    public static RunConfig ToyRun(int maxSteps, int seed) => new()
    {
        CorpusId = "multi30k",
        TrainSize = 200,
        DevSize = 8,
        TestSize = 8,
        Seed = seed,
        Model = ToyWorkbenchHost.Toy,
        Training = ToyWorkbenchHost.Quick with { Epochs = 10_000, MaxSteps = maxSteps, EvaluateEvery = maxSteps, Threads = 1 },
    };
}
