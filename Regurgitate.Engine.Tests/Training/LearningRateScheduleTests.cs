using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.Training;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(1, 0.001 / 100)]
    [InlineData(50, 0.001 / 2)]
    [InlineData(100, 0.001)]
    [InlineData(400, 0.001 / 2)]
    [InlineData(10_000, 0.001 / 10)]
    public void WarmsUpLinearlyThenDecaysWithTheInverseSquareRoot(int step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.InverseSquareRoot(step, 0.001, 100), 12);
    }

    [Fact]
    public void WithoutWarmupDecaysFromTheFirstStep()
    {
        Assert.Equal(0.001 / 2, LearningRateSchedule.InverseSquareRoot(4, 0.001, 0), 12);
    }
}
