using System.Text.Json;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>
/// The GPU options' parts that run on a CPU-only machine: the libtorch switches TorchSharp lacks (deterministic
/// algorithms; autocast, exercised for the CPU device since the mechanism is the same), the CUDA seeding that keeps
/// CPU results as they were, the refusal of bf16 on the CPU, and configurations without the new options serialising as before.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GpuPathTests
{
    [Fact]
    public void Deterministic_algorithms_switch_on_and_off_in_libtorch()
    {
        var before = LibTorchSwitches.DeterministicAlgorithms;
        try
        {
            LibTorchSwitches.DeterministicAlgorithms = true;
            Assert.True(LibTorchSwitches.DeterministicAlgorithms);
            LibTorchSwitches.DeterministicAlgorithms = false;
            Assert.False(LibTorchSwitches.DeterministicAlgorithms);
        }
        finally
        {
            LibTorchSwitches.DeterministicAlgorithms = before;
        }
    }

    [Fact]
    public void Autocast_to_bf16_holds_on_the_calling_thread_only_and_ends_with_its_scope()
    {
        using var a = ones(4, 4);
        using (LibTorchSwitches.Autocast(DeviceType.CPU, ScalarType.BFloat16))
        {
            using var inside = a.matmul(a);
            Assert.Equal(ScalarType.BFloat16, inside.dtype);

            var elsewhere = true;
            var other = new Thread(() => elsewhere = LibTorchSwitches.IsAutocastEnabled(DeviceType.CPU));
            other.Start();
            other.Join();
            Assert.False(elsewhere);
        }

        using var after = a.matmul(a);
        Assert.Equal(ScalarType.Float32, after.dtype);
        Assert.False(LibTorchSwitches.IsAutocastEnabled(DeviceType.CPU));
    }

    [Fact]
    public void Work_on_the_cpu_draws_nothing_extra_from_the_stream()
    {
        using var plain = new TorchRandomStream(11);
        using var onDevice = new TorchRandomStream(11);

        using var first = plain.Use(() => rand(5));
        using var second = onDevice.UseOn(CPU, () => rand(5));
        using var next = plain.Use(() => rand(5));
        using var nextOnDevice = onDevice.Use(() => rand(5));

        Assert.Equal(first.data<float>().ToArray(), second.data<float>().ToArray());
        Assert.Equal(next.data<float>().ToArray(), nextOnDevice.data<float>().ToArray());
    }

    [Fact]
    public void The_device_seed_is_a_function_of_the_stream_state()
    {
        using var one = new TorchRandomStream(3);
        using var other = new TorchRandomStream(3);
        var seeds = Enumerable.Range(0, 3).Select(_ => one.Use(TorchRandomStream.NextDeviceSeed)).ToList();

        Assert.Equal(seeds, Enumerable.Range(0, 3).Select(_ => other.Use(TorchRandomStream.NextDeviceSeed)));
        Assert.Equal(3, seeds.Distinct().Count());
    }

    [Fact]
    public void Cpu_batches_are_built_as_before()
    {
        using var ids = BatchTensors.OnDevice([1, 2, 3, 4, 5, 6], [2, 3], CPU);

        Assert.Equal(new long[] { 2, 3 }, ids.shape);
        Assert.Equal([1L, 2, 3, 4, 5, 6], ids.data<long>().ToArray());
        Assert.False(ids.is_pinned());
    }

    [Fact]
    public void Bf16_autocast_on_the_cpu_is_refused_with_its_field()
    {
        var config = new RunConfig { Training = new TrainingConfig { Device = "cpu", Bf16Autocast = true } };

        var error = Assert.Single(RunConfigValidator.Validate(config), e => e.Field == "Training.Bf16Autocast");
        Assert.Contains("CUDA", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RunConfigValidator.Validate(config with { Training = config.Training with { Device = "cuda" } }), e => e.Field == "Training.Bf16Autocast");
    }

    [Fact]
    public void Configurations_without_the_gpu_options_serialise_as_before()
    {
        var json = JsonSerializer.Serialize(new TrainingConfig());

        Assert.DoesNotContain(nameof(TrainingConfig.DeterministicAlgorithms), json, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(TrainingConfig.Bf16Autocast), json, StringComparison.Ordinal);
    }
}
