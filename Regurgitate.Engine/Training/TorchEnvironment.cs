using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>Loads libtorch once, with a clear error when it cannot, and resolves device specifications.</summary>
public static class TorchEnvironment
{
    private static readonly Lazy<string> Version = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int defaultThreads;

    /// <summary>libtorch's version; throws <see cref="TorchUnavailableException"/> when the native library does not load.</summary>
    public static string EnsureLoaded() => Version.Value;

    /// <summary>
    /// libtorch's own intra-op thread count when it loaded (every core, or OMP_NUM_THREADS), before anything set one:
    /// what a run with <see cref="Experiments.TrainingConfig.Threads"/> 0 gets, also in a process where packed runs
    /// have since changed the count a new thread adopts.
    /// </summary>
    public static int DefaultThreads
    {
        get
        {
            EnsureLoaded();
            return defaultThreads;
        }
    }

    /// <summary>"auto" (CUDA when available, else CPU), "cpu", "cuda" or "cuda:N".</summary>
    public static Device ResolveDevice(string specification)
    {
        EnsureLoaded();
        var spec = (specification ?? "auto").Trim().ToLowerInvariant();
        if (spec is "" or "auto")
        {
            return cuda.is_available() ? CUDA : CPU;
        }

        if (spec == "cpu")
        {
            return CPU;
        }

        if (spec == "cuda" || spec.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"Device '{specification}' was requested but CUDA is not available: build with -p:TorchRuntime=cuda on a machine with an NVIDIA driver, or use 'auto'/'cpu'.");
            }

            var index = spec == "cuda" ? 0 : int.Parse(spec.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
            if (index < 0 || index >= cuda.device_count())
            {
                throw new InvalidOperationException($"Device '{specification}' does not exist: {cuda.device_count()} CUDA device(s) are visible.");
            }

            return new Device(DeviceType.CUDA, index);
        }

        throw new ArgumentException($"Unknown device '{specification}': use auto, cpu, cuda or cuda:N.", nameof(specification));
    }

    private static string Load()
    {
        try
        {
            InitializeDeviceType(DeviceType.CPU);
            defaultThreads = get_num_threads();
            return __version__;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or NotSupportedException or BadImageFormatException)
        {
            var folder = AppContext.BaseDirectory;
            throw new TorchUnavailableException(
                "TorchSharp's native library (libtorch) could not be loaded. " +
                $"On Linux, run `ldd {Path.Combine(folder, "libLibTorchSharp.so")}` to see which dependency is missing; " +
                "on Debian 12 / Ubuntu 22.04 the build patches libLibTorchSharp.so for the older libstdc++ — rebuild (dotnet build) if the output folder was copied from elsewhere. " +
                $"Details: {ex.GetBaseException().Message}", ex);
        }
    }
}
