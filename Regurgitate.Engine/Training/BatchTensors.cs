using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>Padded tensors of one batch: source [B, Ts] ending in EOS, target input [B, Tt] starting with BOS, and target output [B, Tt] ending in EOS.</summary>
internal sealed class BatchTensors : IDisposable
{
    private BatchTensors(Tensor source, Tensor? targetInput, Tensor? targetOutput, long targetTokens)
    {
        Source = source;
        TargetInput = targetInput;
        TargetOutput = targetOutput;
        TargetTokens = targetTokens;
    }

    public Tensor Source { get; }
    public Tensor? TargetInput { get; }
    public Tensor? TargetOutput { get; }

    /// <summary>Real (non-pad) target tokens, EOS included: the tokens the loss is computed on.</summary>
    public long TargetTokens { get; }

    public static BatchTensors ForTraining(IReadOnlyList<EncodedPair> pairs, IReadOnlyList<int> indices, SpecialTokenIds special, Device device)
    {
        var batch = indices.Count;
        var sourceLength = indices.Max(i => pairs[i].Source.Length) + 1;
        var targetLength = indices.Max(i => pairs[i].Target.Length) + 1;
        var source = new long[batch * sourceLength];
        var targetIn = new long[batch * targetLength];
        var targetOut = new long[batch * targetLength];
        if (special.Pad != 0)
        {
            Array.Fill(source, special.Pad);
            Array.Fill(targetIn, special.Pad);
            Array.Fill(targetOut, special.Pad);
        }

        long tokens = 0;
        for (var row = 0; row < batch; row++)
        {
            var pair = pairs[indices[row]];
            WriteWithEos(source, row * sourceLength, pair.Source, special.Eos);
            targetIn[row * targetLength] = special.Bos;
            for (var t = 0; t < pair.Target.Length; t++)
            {
                targetIn[(row * targetLength) + t + 1] = pair.Target[t];
            }

            WriteWithEos(targetOut, row * targetLength, pair.Target, special.Eos);
            tokens += pair.Target.Length + 1;
        }

        return new BatchTensors(
            OnDevice(source, [batch, sourceLength], device),
            OnDevice(targetIn, [batch, targetLength], device),
            OnDevice(targetOut, [batch, targetLength], device),
            tokens);
    }

    public static BatchTensors ForTranslation(IReadOnlyList<int[]> sources, SpecialTokenIds special, Device device)
    {
        var batch = sources.Count;
        var sourceLength = sources.Max(s => s.Length) + 1;
        var source = new long[batch * sourceLength];
        if (special.Pad != 0)
        {
            Array.Fill(source, special.Pad);
        }

        for (var row = 0; row < batch; row++)
        {
            WriteWithEos(source, row * sourceLength, sources[row], special.Eos);
        }

        return new BatchTensors(OnDevice(source, [batch, sourceLength], device), null, null, 0);
    }

    /// <summary>
    /// The ids as a tensor on <paramref name="device"/>. For CUDA they go through pinned (page-locked) host memory and
    /// a non-blocking copy, so the host builds the next batch while the copy runs; the pinned block is returned to
    /// libtorch's caching host allocator, which keeps it until the copy has finished. On the CPU: one tensor, as before.
    /// </summary>
    internal static Tensor OnDevice(long[] ids, long[] shape, Device device)
    {
        if (device.type != DeviceType.CUDA)
        {
            return tensor(ids, shape, device: device);
        }

        using var host = tensor(ids, shape);
        using var pinned = host.pin_memory();
        return pinned.to(device.type, device.index, non_blocking: true);
    }

    public void Dispose()
    {
        Source.Dispose();
        TargetInput?.Dispose();
        TargetOutput?.Dispose();
    }

    private static void WriteWithEos(long[] buffer, int offset, int[] ids, int eos)
    {
        for (var t = 0; t < ids.Length; t++)
        {
            buffer[offset + t] = ids[t];
        }

        buffer[offset + ids.Length] = eos;
    }
}
