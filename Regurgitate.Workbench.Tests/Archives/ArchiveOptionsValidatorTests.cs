using Regurgitate.Workbench.Archives;

namespace Regurgitate.Workbench.Tests.Archives;

public sealed class ArchiveOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ArchiveOptionsValidator().Validate(null, new ArchiveOptions()).Succeeded);
    }

    [Fact]
    public void Every_bad_limit_is_named_by_its_configuration_key()
    {
        var result = new ArchiveOptionsValidator().Validate(null, new ArchiveOptions
        {
            MaxEntries = 0,
            MaxBatchRows = -1,
            MaxWriteLockHold = TimeSpan.Zero,
            PauseBetweenBatches = TimeSpan.FromMilliseconds(-1),
        });

        Assert.Equal(
            [
                "Regurgitate:Archives:MaxEntries must be positive (was 0).",
                "Regurgitate:Archives:MaxBatchRows must be positive (was -1).",
                "Regurgitate:Archives:MaxWriteLockHold must be positive (was 00:00:00).",
                "Regurgitate:Archives:PauseBetweenBatches must not be negative (was -00:00:00.0010000).",
            ],
            result.Failures);
    }
}
