using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// libtorch settings TorchSharp 0.107 does not expose (its <c>use_deterministic_algorithms</c> throws
/// NotImplementedException and it has no autocast), called straight in libtorch_cpu by their exported C++ names.
/// Itanium-ABI names: Linux (and macOS) builds only; elsewhere <see cref="IsAvailable"/> is false and runs that ask
/// for them are refused.
/// </summary>
public static class LibTorchSwitches
{
    private const string Library = "libtorch_cpu";

    /// <summary>True where the exported names can be called (not on Windows, whose MSVC names differ).</summary>
    public static bool IsAvailable => !OperatingSystem.IsWindows();

    /// <summary>
    /// <c>torch.use_deterministic_algorithms</c>: process-wide in libtorch (one flag in its global context), so in a
    /// packed process it holds for every run there. With it on, an op without a deterministic implementation throws
    /// (on CUDA, cuBLAS also needs the environment variable <c>CUBLAS_WORKSPACE_CONFIG=:4096:8</c> set before the process starts).
    /// </summary>
    public static bool DeterministicAlgorithms
    {
        get
        {
            EnsureAvailable();
            return Native.DeterministicAlgorithms(Native.GlobalContext()) != 0;
        }

        set
        {
            EnsureAvailable();
            Native.SetDeterministicAlgorithms(Native.GlobalContext(), value ? (byte)1 : (byte)0, 0);
        }
    }

    /// <summary>
    /// Turns autocast for <paramref name="device"/> on, to <paramref name="dtype"/>, on the calling thread only (libtorch
    /// keeps it in thread-local dispatch state) until the returned scope ends, which also drops the casts it cached.
    /// </summary>
    public static IDisposable Autocast(DeviceType device, ScalarType dtype)
    {
        EnsureAvailable();
        var wasEnabled = Native.IsAutocastEnabled((sbyte)device) != 0;
        var previousType = Native.GetAutocastDtype((sbyte)device);
        Native.SetAutocastDtype((sbyte)device, (sbyte)dtype);
        Native.SetAutocastEnabled((sbyte)device, 1);
        return new AutocastScope(device, wasEnabled, previousType);
    }

    /// <summary>Whether autocast is on for <paramref name="device"/> on the calling thread.</summary>
    public static bool IsAutocastEnabled(DeviceType device)
    {
        EnsureAvailable();
        return Native.IsAutocastEnabled((sbyte)device) != 0;
    }

    private static void EnsureAvailable()
    {
        TorchEnvironment.EnsureLoaded();
        if (!IsAvailable)
        {
            throw new PlatformNotSupportedException("Deterministic algorithms and autocast are reached through libtorch's Linux/macOS symbol names, which this platform's libtorch does not export.");
        }
    }

    private sealed class AutocastScope(DeviceType device, bool wasEnabled, sbyte previousType) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Native.SetAutocastEnabled((sbyte)device, wasEnabled ? (byte)1 : (byte)0);
            Native.SetAutocastDtype((sbyte)device, previousType);
            if (!wasEnabled)
            {
                Native.ClearCache();
            }
        }
    }

    private static class Native
    {
        // c10::DeviceType and c10::ScalarType are int8_t enums; bool is one byte.
        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at13globalContextEv")]
        internal static extern nint GlobalContext();

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at7Context26setDeterministicAlgorithmsEbb")]
        internal static extern void SetDeterministicAlgorithms(nint context, byte enabled, byte warnOnly);

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZNK2at7Context23deterministicAlgorithmsEv")]
        internal static extern byte DeterministicAlgorithms(nint context);

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb")]
        internal static extern void SetAutocastEnabled(sbyte device, byte enabled);

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE")]
        internal static extern byte IsAutocastEnabled(sbyte device);

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE")]
        internal static extern void SetAutocastDtype(sbyte device, sbyte dtype);

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE")]
        internal static extern sbyte GetAutocastDtype(sbyte device);

        [DllImport(Library, ExactSpelling = true, EntryPoint = "_ZN2at8autocast11clear_cacheEv")]
        internal static extern void ClearCache();
    }
}
