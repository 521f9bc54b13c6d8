using Microsoft.Extensions.Configuration;
using Regurgitate.Web.Security;

namespace Regurgitate.Web.Tests.Security;

public sealed class BindingCheckTests
{
    private const string GoodPassword = "correct horse battery";

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.1.2.3:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://[::1]")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000/")]
    [InlineData("http://unix:/tmp/regurgitate.sock")]
    public void Loopback_addresses_are_recognised(string url) => Assert.True(BindingCheck.IsLoopback(url));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://[fe80::1]:5080")]
    [InlineData("http://dashboard.example.org:5080")]
    [InlineData("http://localhost.example.org:5080")]
    [InlineData("")]
    public void Other_addresses_are_not_loopback(string url) => Assert.False(BindingCheck.IsLoopback(url));

    [Fact]
    public void Loopback_binding_needs_no_settings()
    {
        Assert.Empty(BindingCheck.Errors(["http://127.0.0.1:5080", "http://[::1]:5080", "http://localhost:5081"], new SecurityOptions()));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(false, GoodPassword)]
    [InlineData(true, null)]
    public void A_non_loopback_binding_without_both_settings_is_refused_naming_them(bool allowRemote, string? password)
    {
        var errors = BindingCheck.Errors(["http://127.0.0.1:5080", "http://0.0.0.0:5080"], new SecurityOptions { AllowRemote = allowRemote, SharedPassword = password });

        var error = Assert.Single(errors, e => e.Contains("non-loopback", StringComparison.Ordinal));
        Assert.Contains("http://0.0.0.0:5080", error, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:5080", error, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Security:AllowRemote", error, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Security:SharedPassword", error, StringComparison.Ordinal);
        if (password is not null)
        {
            Assert.DoesNotContain(password, string.Join("\n", errors), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_non_loopback_binding_with_remote_allowed_and_a_password_is_accepted()
    {
        Assert.Empty(BindingCheck.Errors(["http://0.0.0.0:5080", "http://*:5081"], new SecurityOptions { AllowRemote = true, SharedPassword = GoodPassword }));
    }

    [Fact]
    public void The_configured_urls_come_from_urls_ports_and_kestrel_endpoints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:5080; http://0.0.0.0:5081",
            ["http_ports"] = "8080",
            ["Kestrel:Endpoints:Lan:Url"] = "http://192.168.1.20:9000",
        }).Build();

        var urls = BindingCheck.ConfiguredUrls(configuration);

        Assert.Equal(["http://127.0.0.1:5080", "http://0.0.0.0:5081", "http://*:8080", "http://192.168.1.20:9000"], urls);
        Assert.Equal(3, urls.Count(u => !BindingCheck.IsLoopback(u)));
    }

    [Fact]
    public void Every_security_setting_error_is_reported_with_its_key()
    {
        var shortPassword = new SecurityOptionsValidator().Validate(null, new SecurityOptions { AllowRemote = true, SharedPassword = "short" });
        var noPassword = new SecurityOptionsValidator().Validate(null, new SecurityOptions { AllowRemote = true });

        Assert.True(shortPassword.Failed);
        var failure = Assert.Single(shortPassword.Failures!);
        Assert.StartsWith("Regurgitate:Security:SharedPassword must be at least 12 characters", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("short", failure, StringComparison.Ordinal);
        Assert.True(noPassword.Failed);
        Assert.StartsWith("Regurgitate:Security:AllowRemote is true but Regurgitate:Security:SharedPassword is not set", Assert.Single(noPassword.Failures!), StringComparison.Ordinal);
        Assert.True(new SecurityOptionsValidator().Validate(null, new SecurityOptions()).Succeeded);
    }
}
