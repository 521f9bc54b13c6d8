using Regurgitate.Web.Features.Analysis;

namespace Regurgitate.Web.Tests.Features.Analysis;

public sealed class LatestWorkTests
{
    [Fact]
    public void Starting_again_cancels_the_previous_work_whose_late_end_leaves_the_new_one_running()
    {
        using var work = new LatestWork();
        var first = work.Start();
        var second = work.Start();

        Assert.True(first.IsCancellationRequested);
        Assert.False(second.IsCancellationRequested);
        work.Finish(first);
        Assert.True(work.Running);
        work.Finish(second);
        Assert.False(work.Running);
        Assert.Equal(second, work.Token);
    }

    [Fact]
    public void Cancel_and_dispose_stop_the_running_work()
    {
        var work = new LatestWork();
        var token = work.Start();
        work.Cancel();
        Assert.True(token.IsCancellationRequested);
        Assert.False(work.Running);

        var next = work.Start();
        work.Dispose();
        Assert.True(next.IsCancellationRequested);
        Assert.False(work.Running);
    }
}
