using System.Net;
using Microsoft.Extensions.Configuration;

namespace Regurgitate.Web.Security;

/// <summary>
/// Decides whether the addresses the server binds are loopback only, and whether the security settings permit the
/// rest. Used twice: before the host is built (from the configured URLs) and after the server starts (from the
/// addresses it actually bound, which also covers Kestrel endpoint settings).
/// </summary>
public static class BindingCheck
{
    /// <summary>The URLs the configuration asks for: <c>urls</c> (also <c>ASPNETCORE_URLS</c>, <c>--urls</c>), <c>http_ports</c>, <c>https_ports</c>, <c>Kestrel:Endpoints:*:Url</c>.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        urls.AddRange(Split(configuration["urls"]));
        urls.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
        urls.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0));
        return urls;
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8, <c>::1</c> and Unix sockets; false for wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>), other names and addresses.</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = Host(url.Trim());
        if (host is null)
        {
            return false;
        }

        if (host.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Every error that keeps these addresses from being served with these settings (empty when allowed).</summary>
    public static IReadOnlyList<string> Errors(IEnumerable<string> urls, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(options);
        var remote = urls.Where(u => !IsLoopback(u)).ToList();
        var errors = new List<string>(SecurityOptionsValidator.Errors(options));
        if (remote.Count > 0 && (!options.AllowRemote || string.IsNullOrEmpty(options.SharedPassword)))
        {
            errors.Add(
                $"The dashboard would serve non-loopback addresses ({string.Join(", ", remote)}). Bind to 127.0.0.1, [::1] or localhost, "
                + $"or set {SecurityOptions.AllowRemoteKey}=true and {SecurityOptions.SharedPasswordKey} (at least {SecurityOptions.MinimumPasswordLength} characters, "
                + "from user-secrets or the environment) so that every page requires a login.");
        }

        return errors;
    }

    private static string? Host(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return rest;
        }

        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : rest[..(close + 1)];
        }

        var end = rest.IndexOfAny([':', '/']);
        var host = end < 0 ? rest : rest[..end];
        return host.Length == 0 ? null : host;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
