using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Experiments;

public sealed class GenerationCurveTests
{
    // The shape of specs/iterated-generations.json: gen1 on real data, then two generations per policy. The source
    // names say nothing about generations on purpose, so that only the trainOn chains can place them.
    private static readonly ExperimentSpec Iterated = new()
    {
        Name = "iterated",
        CorpusId = "multi30k",
        DevSize = 200,
        TestSize = 1_000,
        Sizes = [2_000],
        RealFractions = [1.0, 0.0],
        Seeds = [1, 2, 3],
        Generators =
        [
            Generator("a", "real", GenerationPolicy.Replace),
            Generator("b", "a", GenerationPolicy.Replace),
            Generator("c", "b", GenerationPolicy.Replace),
            Generator("d", "a", GenerationPolicy.Accumulate),
            Generator("e", "d", GenerationPolicy.Accumulate),
        ],
        SyntheticSources = [Source("first"), Source("second-r", "b"), Source("third-r", "c"), Source("second-a", "d"), Source("third-a", "e")],
    };

    private static readonly IReadOnlyList<LearningCurveSeries> Results =
    [
        Series("real", 30.0),
        Series("first", 25.0),
        Series("second-r", 20.0),
        Series("third-r", 15.0),
        Series("second-a", 24.0),
        Series("third-a", 23.0),
    ];

    [Fact]
    public void A_design_without_chained_generators_has_no_curve()
    {
        var flat = Iterated with
        {
            Generators = [Generator("a", "real", GenerationPolicy.Replace), Generator("b", "real", GenerationPolicy.Replace)],
            SyntheticSources = [Source("first"), Source("second-r", "b")],
        };

        Assert.Empty(GenerationCurve.From(flat, Results));
        Assert.Empty(GenerationCurve.From(null, Results));
    }

    [Fact]
    public void Replace_and_accumulate_each_start_at_the_real_point_and_share_generation_one()
    {
        var points = GenerationCurve.From(Iterated, Results);

        Assert.Equal(
            [
                (GenerationPolicy.Replace, 0, "real", 30.0), (GenerationPolicy.Replace, 1, "first", 25.0),
                (GenerationPolicy.Replace, 2, "second-r", 20.0), (GenerationPolicy.Replace, 3, "third-r", 15.0),
                (GenerationPolicy.Accumulate, 0, "real", 30.0), (GenerationPolicy.Accumulate, 1, "first", 25.0),
                (GenerationPolicy.Accumulate, 2, "second-a", 24.0), (GenerationPolicy.Accumulate, 3, "third-a", 23.0),
            ],
            points.Select(p => (p.Policy, p.Generation, p.Condition, p.Mean)));
        Assert.All(points, p => Assert.Equal((2_000, 0.5, 3), (p.Size, p.StandardDeviation, p.Seeds)));
    }

    [Fact]
    public void Mixtures_and_conditions_without_completed_seeds_are_not_generations()
    {
        var mixed = Iterated with { RealFractions = [1.0, 0.5, 0.0] };
        IReadOnlyList<LearningCurveSeries> results = [.. Results.Where(s => s.Condition != "third-r"), Series("50% real + second-r", 27.0)];

        var points = GenerationCurve.From(mixed, results);

        Assert.DoesNotContain(points, p => p.Condition.Contains('%', StringComparison.Ordinal));
        Assert.Equal([0, 1, 2], points.Where(p => p.Policy == GenerationPolicy.Replace).Select(p => p.Generation));
    }

    [Fact]
    public void Each_size_gets_its_own_points()
    {
        var twoSizes = Iterated with { Sizes = [1_000, 2_000] };
        IReadOnlyList<LearningCurveSeries> results = [.. Results.Select(s => s with { Points = [Point(1_000, s.Points[0].Mean - 5), .. s.Points] })];

        var points = GenerationCurve.From(twoSizes, results);

        Assert.Equal([1_000, 2_000], points.Select(p => p.Size).Distinct());
        Assert.Equal(10.0, points.Single(p => p is { Size: 1_000, Policy: GenerationPolicy.Replace, Generation: 3 }).Mean);
    }

    private static LocalGeneratorSpec Generator(string id, string trainOn, GenerationPolicy policy) => new() { Id = id, TrainSize = 2_000, TrainOn = trainOn, Policy = policy };

    private static SyntheticSourceSpec Source(string name, string? generatorId = null) => new() { Name = name, Generators = [new SyntheticShare(generatorId ?? "a")] };

    private static LearningCurveSeries Series(string condition, double mean) => new(condition, [Point(2_000, mean)]);

    private static LearningCurvePoint Point(int size, double mean) => new(size, mean, 0.5, mean - 0.5, mean + 0.5, 3);
}
