using System.Globalization;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Decides how a run shares this process's hardware (<see cref="RunsOptions.Packing"/>). Small Transformers gain little
/// from a second intra-op thread (their GEMMs are too small to split well), so on a CPU several of them one thread each
/// finish a grid sooner than one at a time with every core; a larger model keeps every core to itself. The decision is
/// taken from the model's configuration alone (no calibration run), so it is the same on every start and in tests.
/// </summary>
public static class PlacementPlanner
{
    /// <summary>Pool of every run when packing is off: <see cref="RunsOptions.MaxConcurrentRuns"/> slots.</summary>
    public const string AnyRunPool = "runs";

    /// <summary>Pool of CPU runs when packing is on.</summary>
    public const string CpuPool = "cpu";

    /// <summary>Pool of hosted runs: they wait on a provider, not on this machine's cores, so they never take a training slot.</summary>
    public const string HostedPool = "hosted";

    /// <param name="config">The run.</param>
    /// <param name="options">The validated runs options.</param>
    /// <param name="cores">Cores this process may use.</param>
    /// <param name="resolveDevice">"cpu" or "cuda:N" for a device specification (resolves "auto"); only asked when packing is on.</param>
    public static ExecutionPlacement Choose(RunConfig config, RunsOptions options, int cores, Func<string, string> resolveDevice)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resolveDevice);
        cores = Math.Max(1, cores);
        if (config.Hosted is not null)
        {
            return new ExecutionPlacement(HostedPool, options.MaxConcurrentHostedRuns, 1, null, Invariant(
                $"hosted: up to {options.MaxConcurrentHostedRuns} provider job(s) followed at once ({nameof(RunsOptions.MaxConcurrentHostedRuns)}), no training slot"));
        }

        var setting = RunPackingSetting.Parse(options.Packing);
        var configured = config.Training.Threads;
        if (setting.IsOff)
        {
            return new ExecutionPlacement(AnyRunPool, options.MaxConcurrentRuns, 1, null, Invariant(
                $"packing off: up to {options.MaxConcurrentRuns} run(s) at once, {(configured > 0 ? $"{configured} thread(s) as configured" : "libtorch's default threads (every core unless OMP_NUM_THREADS says otherwise)")}"));
        }

        var device = resolveDevice(config.Training.Device);
        if (device.StartsWith("cuda", StringComparison.Ordinal))
        {
            return new ExecutionPlacement(device, options.GpuRunsPerDevice, 1, configured > 0 ? configured : null, Invariant(
                $"{device}: up to {options.GpuRunsPerDevice} run(s) share it ({nameof(RunsOptions.GpuRunsPerDevice)})"));
        }

        if (setting.Runs is { } runs)
        {
            var each = Math.Max(1, cores / runs);
            return new ExecutionPlacement(CpuPool, runs, 1, each, Invariant(
                $"packing {runs}: {runs} run(s) at once × {each} thread(s) on {cores} core(s)"));
        }

        var parameters = EstimateParameters(config.Model);
        if (parameters <= options.PackParametersUpTo)
        {
            return new ExecutionPlacement(CpuPool, cores, 1, 1, Invariant(
                $"auto: about {parameters:N0} parameters, at most {options.PackParametersUpTo:N0}, so a small model: up to {cores} run(s) at once × 1 thread on {cores} core(s)"));
        }

        var threads = configured > 0 ? Math.Min(configured, cores) : cores;
        return new ExecutionPlacement(CpuPool, cores, threads, threads, Invariant(
            $"auto: about {parameters:N0} parameters, more than {options.PackParametersUpTo:N0}, so {threads} of {cores} core(s) to itself"));
    }

    /// <summary>
    /// Weights of the Transformer a configuration describes, to within the biases and norms: embeddings (one shared
    /// table when tied, else source, target and output), 4·d² + 2·d·ffn per encoder layer, 8·d² + 2·d·ffn per decoder layer.
    /// </summary>
    public static long EstimateParameters(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long d = model.DModel;
        long ffn = model.FeedForward;
        var embeddings = (long)model.VocabSize * d * (model.TieEmbeddings ? 1 : 3);
        return embeddings + (model.EncoderLayers * ((4 * d * d) + (2 * d * ffn))) + (model.DecoderLayers * ((8 * d * d) + (2 * d * ffn)));
    }

    /// <summary>"cpu" or "cuda:N" for a device specification, resolving "auto" with libtorch; "cpu" when libtorch cannot say (the run then reports why).</summary>
    public static string DevicePool(string specification)
    {
        if (string.Equals(specification?.Trim(), "cpu", StringComparison.OrdinalIgnoreCase))
        {
            return CpuPool;
        }

        try
        {
            var device = Engine.Training.TorchEnvironment.ResolveDevice(specification ?? "auto");
            return device.type == TorchSharp.DeviceType.CUDA ? Invariant($"cuda:{Math.Max(0, device.index)}") : CpuPool;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or Engine.Training.TorchUnavailableException)
        {
            return CpuPool;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
