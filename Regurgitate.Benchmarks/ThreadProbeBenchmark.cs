using System.Diagnostics;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Benchmarks;

/// <summary>
/// What libtorch's <c>set_num_threads</c> does when several threads of one process call it, measured: each case runs
/// GEMMs on its own thread and prints <c>get_num_threads</c> there and the process's CPU time over wall time (about 1
/// for one thread; above 1 only when the intra-op pool really used more, if the cores are free) and the process's OS
/// threads (libgomp starts a team of workers per calling thread the first time it runs a parallel region wider than 1).
/// </summary>
internal static class ThreadProbeBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        TorchEnvironment.EnsureLoaded();
        using var matrix = randn(384, 384);
        Console.WriteLine($"cores {Environment.ProcessorCount}; main thread get_num_threads {get_num_threads()}");
        OnThread(() => Burn("fresh thread, never set", matrix));

        // A sets 1 and waits; B sets 2 and computes; then A computes: is A's setting its own?
        using (var aSet = new ManualResetEventSlim())
        using (var bDone = new ManualResetEventSlim())
        {
            var a = new Thread(() => { _ = get_num_threads(); set_num_threads(1); aSet.Set(); bDone.Wait(); Burn("A: set 1, then B set 2 elsewhere", matrix); });
            a.Start();
            aSet.Wait();
            OnThread(() => { set_num_threads(2); Burn("B: set 2", matrix); });
            bDone.Set();
            a.Join();
        }

        // C sets 1 on a fresh thread before any torch call there; D sets 2; then C computes.
        using (var cSet = new ManualResetEventSlim())
        using (var dDone = new ManualResetEventSlim())
        {
            var c = new Thread(() => { set_num_threads(1); cSet.Set(); dDone.Wait(); Burn("C: set 1 before its first torch call, then D set 2", matrix); });
            c.Start();
            cSet.Wait();
            OnThread(() => set_num_threads(2));
            dDone.Set();
            c.Join();
        }

        OnThread(() => Burn("fresh thread after all that, never set", matrix));
        Console.WriteLine($"main thread get_num_threads {get_num_threads()}");
        return Task.FromResult(0);
    }

    private static void Burn(string label, Tensor matrix)
    {
        using var process = Process.GetCurrentProcess();
        var threadsBefore = Directory.GetDirectories("/proc/self/task").Length;
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var peakThreads = 0;
        for (var i = 0; i < 200; i++)
        {
            using var product = matrix.matmul(matrix);
            peakThreads = Math.Max(peakThreads, Directory.GetDirectories("/proc/self/task").Length);
        }

        process.Refresh();
        var ratio = (process.TotalProcessorTime - cpu).TotalSeconds / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{label}: get_num_threads {get_num_threads()}, CPU/wall {ratio:F2}, OS threads {threadsBefore} before, at most {peakThreads} while computing");
    }

    private static void OnThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }
}
