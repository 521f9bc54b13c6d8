using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Tests.Progress;

public sealed class ScaledProgressTests
{
    [Fact]
    public void Maps_zero_to_one_onto_the_parents_range()
    {
        var reports = new List<double>();
        var stage = new ScaledProgress(new SynchronousProgress<double>(reports.Add), 0.25, 0.5);

        stage.Report(0);
        stage.Report(0.5);
        stage.Report(1);

        Assert.Equal([0.25, 0.5, 0.75], reports);
    }

    [Fact]
    public void Clamps_values_outside_zero_to_one_so_a_stage_stays_in_its_range()
    {
        var reports = new List<double>();
        var stage = new ScaledProgress(new SynchronousProgress<double>(reports.Add), 0.25, 0.5);

        stage.Report(-1);
        stage.Report(1.5);

        Assert.Equal([0.25, 0.75], reports);
    }

    [Fact]
    public void Between_takes_the_end_points_of_the_range()
    {
        var reports = new List<double>();

        ScaledProgress.Between(new SynchronousProgress<double>(reports.Add), 0.05, 1)!.Report(0.5);

        Assert.Equal(0.525, Assert.Single(reports), 12);
    }

    [Fact]
    public void Nobody_listening_stays_nobody_listening()
    {
        Assert.Null(ScaledProgress.Of(null, 0, 1));
        Assert.Null(ScaledProgress.Between(null, 0, 1));
    }
}
