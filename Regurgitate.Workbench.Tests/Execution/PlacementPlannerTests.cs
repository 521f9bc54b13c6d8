using Regurgitate.Engine.Experiments;
using Regurgitate.Testing;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Tests.Execution;

public sealed class PlacementPlannerTests
{
    private static readonly Func<string, string> NoGpu = _ => PlacementPlanner.CpuPool;

    // specs/real-vs-low-generator.json's grid model: d 128, 2+2 layers, ffn 256, vocabulary 2,000.
    private static readonly ModelConfig SpecModel = new() { VocabSize = 2_000, DModel = 128, Heads = 4, EncoderLayers = 2, DecoderLayers = 2, FeedForward = 256 };

    private static RunConfig Run(ModelConfig model, int threads = 0, string device = "auto") =>
        new() { Model = model, Training = new TrainingConfig { Threads = threads, Device = device } };

    [Fact]
    public void Auto_packs_a_small_model_one_thread_per_core()
    {
        var placement = PlacementPlanner.Choose(Run(SpecModel, threads: 2), new RunsOptions { Packing = "auto" }, cores: 2, NoGpu);

        Assert.Equal((PlacementPlanner.CpuPool, 2, 1, (int?)1), (placement.Pool, placement.Capacity, placement.Units, placement.Threads));
        Assert.Contains("up to 2 run(s) at once × 1 thread on 2 core(s)", placement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_gives_a_large_model_every_core_to_itself()
    {
        var placement = PlacementPlanner.Choose(Run(ModelConfig.Base), new RunsOptions { Packing = "auto" }, cores: 4, NoGpu);

        Assert.Equal((4, 4, (int?)4), (placement.Capacity, placement.Units, placement.Threads));
        Assert.Contains("4 of 4 core(s) to itself", placement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_threshold_is_the_configured_parameter_count()
    {
        var parameters = PlacementPlanner.EstimateParameters(SpecModel);
        Assert.InRange(parameters, 800_000, 1_000_000);

        var justBelow = PlacementPlanner.Choose(Run(SpecModel), new RunsOptions { Packing = "auto", PackParametersUpTo = parameters - 1 }, cores: 2, NoGpu);

        Assert.Equal(2, justBelow.Threads);
    }

    [Fact]
    public void A_fixed_number_divides_the_cores_between_that_many_runs()
    {
        var placement = PlacementPlanner.Choose(Run(ModelConfig.Base), new RunsOptions { Packing = "2" }, cores: 8, NoGpu);

        Assert.Equal((2, 1, (int?)4), (placement.Capacity, placement.Units, placement.Threads));
    }

    [Fact]
    public void Off_keeps_the_concurrent_run_limit_and_the_configured_threads()
    {
        var placement = PlacementPlanner.Choose(Run(SpecModel, threads: 2), new RunsOptions { MaxConcurrentRuns = 3 }, cores: 2, _ => throw new InvalidOperationException("off asks no device"));

        Assert.Equal((PlacementPlanner.AnyRunPool, 3, 1, (int?)null), (placement.Pool, placement.Capacity, placement.Units, placement.Threads));
    }

    [Fact]
    public void Runs_on_a_gpu_share_it_up_to_the_per_device_concurrency()
    {
        var placement = PlacementPlanner.Choose(Run(SpecModel, device: "cuda:1"), new RunsOptions { Packing = "auto", GpuRunsPerDevice = 3 }, cores: 2, spec => spec == "cuda:1" ? "cuda:1" : "cpu");

        Assert.Equal(("cuda:1", 3, 1), (placement.Pool, placement.Capacity, placement.Units));
    }

    [Fact]
    public void The_gate_admits_runs_until_their_pool_is_full_and_a_bigger_run_alone()
    {
        var gate = new PlacementGate();
        var small = new ExecutionPlacement("cpu", 2, 1, 1, "");
        var big = new ExecutionPlacement("cpu", 2, 3, 2, "");

        Assert.True(gate.TryTake(small));
        Assert.True(gate.TryTake(small));
        Assert.False(gate.TryTake(small));
        Assert.False(gate.TryTake(big));
        gate.Give(small);
        gate.Give(small);
        Assert.True(gate.TryTake(big));
        Assert.Equal(3, gate.InUse("cpu"));
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("")]
    public void A_bad_packing_setting_is_refused_with_its_key(string packing)
    {
        var result = new RunsOptionsValidator().Validate(null, new RunsOptions { Packing = packing });

        Assert.StartsWith("Regurgitate:Runs:Packing ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_cores_gpu_concurrency_and_threshold_are_each_refused_with_their_key()
    {
        var result = new RunsOptionsValidator().Validate(null, new RunsOptions { Cores = -1, GpuRunsPerDevice = 0, PackParametersUpTo = -5 });

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Regurgitate:Runs:Cores ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Regurgitate:Runs:GpuRunsPerDevice ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Regurgitate:Runs:PackParametersUpTo ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("OFF")]
    [InlineData(" 2 ")]
    public void Packing_accepts_auto_off_and_a_number(string packing) =>
        Assert.True(new RunsOptionsValidator().Validate(null, new RunsOptions { Packing = packing }).Succeeded);

    [Fact]
    public void The_toy_model_counts_as_small() =>
        Assert.True(PlacementPlanner.EstimateParameters(ToyWorkbenchHost.Toy) < new RunsOptions().PackParametersUpTo);
}
