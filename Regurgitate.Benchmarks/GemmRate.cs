using System.Diagnostics;
using static TorchSharp.torch;

namespace Regurgitate.Benchmarks;

/// <summary>
/// libtorch's own fp32 matrix-multiply rate in this process: the ceiling a training step's arithmetic can reach on
/// these threads, so a step's speed can be read as a share of what the machine does rather than only against PyTorch.
/// </summary>
internal static class GemmRate
{
    /// <summary>The square size the rate is measured at; the model's largest products (batch tokens × 1,024) are of this order.</summary>
    public const int Size = 1024;

    /// <summary>The Python twin of <see cref="MeasureGflops"/>, run by the reference interpreter with the same size and threads.</summary>
    public const string PythonScript = """
        import sys, time, torch
        torch.set_num_threads(int(sys.argv[1]))
        n = int(sys.argv[2])
        a = torch.randn(n, n); b = torch.randn(n, n)
        for _ in range(3): a @ b
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(4): a @ b
            best = min(best, (time.perf_counter() - start) / 4)
        print(2 * n ** 3 / best / 1e9)
        """;

    /// <summary>Best of five timings of four products each, after three untimed ones (so caches and thread pools are warm).</summary>
    public static double MeasureGflops()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 0);
        var a = randn([Size, Size], generator: generator);
        var b = randn([Size, Size], generator: generator);
        for (var i = 0; i < 3; i++)
        {
            matmul(a, b).Dispose();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 4; i++)
            {
                matmul(a, b).Dispose();
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds / 4);
        }

        return 2.0 * Size * Size * Size / best / 1e9;
    }
}
