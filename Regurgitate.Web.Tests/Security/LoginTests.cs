using Regurgitate.Web.Security;

namespace Regurgitate.Web.Tests.Security;

public sealed class LoginTests
{
    [Fact]
    public void The_password_check_accepts_only_the_exact_password()
    {
        Assert.True(SharedPasswordCheck.Matches("correct horse battery", "correct horse battery"));
        Assert.False(SharedPasswordCheck.Matches("correct horse batter", "correct horse battery"));
        Assert.False(SharedPasswordCheck.Matches("", "correct horse battery"));
        Assert.False(SharedPasswordCheck.Matches(null, "correct horse battery"));
        Assert.False(SharedPasswordCheck.Matches("", ""));
        Assert.False(SharedPasswordCheck.Matches("anything", null));
    }

    [Fact]
    public void Repeated_failures_lock_a_client_out_for_doubling_periods_and_a_success_clears_it()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < LoginThrottle.FreeAttempts; i++)
        {
            throttle.Failed("10.0.0.1");
        }

        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.1"));
        throttle.Failed("10.0.0.1");
        Assert.Equal(LoginThrottle.FirstLockout, throttle.RetryAfter("10.0.0.1"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.2"));

        time.Advance(LoginThrottle.FirstLockout);
        throttle.Failed("10.0.0.1");
        Assert.Equal(LoginThrottle.FirstLockout * 2, throttle.RetryAfter("10.0.0.1"));

        for (var i = 0; i < 20; i++)
        {
            throttle.Failed("10.0.0.1");
        }

        Assert.Equal(LoginThrottle.MaxLockout, throttle.RetryAfter("10.0.0.1"));
        throttle.Succeeded("10.0.0.1");
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.1"));
    }

    [Fact]
    public void Failures_from_ever_new_addresses_keep_the_throttle_bounded_and_the_locked_out_client_remembered()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(time, maxClients: 100);
        for (var i = 0; i <= LoginThrottle.FreeAttempts; i++)
        {
            throttle.Failed("10.0.0.1");
        }

        for (var i = 0; i < 1_000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            throttle.Failed($"192.168.{i / 256}.{i % 256}");
            Assert.InRange(throttle.Count, 1, 100);
        }

        // Spraying from other addresses evicts those addresses, not the lockout.
        Assert.True(throttle.RetryAfter("10.0.0.1") > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("/experiments", true)]
    [InlineData("/", true)]
    [InlineData("~/experiments", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\r\n/evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_local_return_urls_are_followed(string? url, bool local) => Assert.Equal(local, LoginEndpoints.IsLocal(url));

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
