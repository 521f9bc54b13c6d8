using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Cli.Commands;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Benchmarks;

/// <summary>
/// <c>dispatch-worker --sleep-ms 2000 [regurgitate worker's options]</c>: the CLI's worker command, built the same way
/// (its options, its host, Workers mode, Hangfire server, registry), but with runs that sleep instead of training
/// (<see cref="SleepingRunExecutor"/>). Started as a process of its own by the dispatch benchmark's throughput part.
/// </summary>
internal static class DispatchWorker
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sleep = TimeSpan.FromMilliseconds(int.Parse(BenchmarkOptions.Option(args, "--sleep-ms", "2000"), CultureInfo.InvariantCulture));
        var index = Array.IndexOf(args, "--sleep-ms");
        string[] workerArgs = index >= 0 ? [.. args[..index], .. args[Math.Min(index + 2, args.Length)..]] : args;
        var command = WorkerCommand.Create(Console.Out, Console.Error, services => services.AddSingleton<IRunExecutor>(new SleepingRunExecutor(sleep, TimeProvider.System)));
        return await command.Parse(workerArgs).InvokeAsync();
    }
}
