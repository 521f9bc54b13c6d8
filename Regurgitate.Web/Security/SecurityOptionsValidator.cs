using System.Net;
using Microsoft.Extensions.Options;

namespace Regurgitate.Web.Security;

/// <summary>Checks the security settings on their own; <see cref="BindingCheck"/> relates them to the bound addresses.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var hasPassword = !string.IsNullOrEmpty(options.SharedPassword);
        if (hasPassword && options.SharedPassword!.Length < SecurityOptions.MinimumPasswordLength)
        {
            errors.Add($"{SecurityOptions.SharedPasswordKey} must be at least {SecurityOptions.MinimumPasswordLength} characters long (was {options.SharedPassword.Length}).");
        }

        if (hasPassword && string.IsNullOrWhiteSpace(options.SharedPassword))
        {
            errors.Add($"{SecurityOptions.SharedPasswordKey} must not be blank.");
        }

        if (options.AllowRemote && !hasPassword)
        {
            errors.Add($"{SecurityOptions.AllowRemoteKey} is true but {SecurityOptions.SharedPasswordKey} is not set; supply it with user-secrets or the environment variable Regurgitate__Security__SharedPassword.");
        }

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                errors.Add($"{SecurityOptions.KnownProxiesKey}:{i} must be an IP address such as 10.0.0.2 (was '{options.KnownProxies[i]}').");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                errors.Add($"{SecurityOptions.KnownNetworksKey}:{i} must be a network in CIDR notation such as 10.0.0.0/24 (was '{options.KnownNetworks[i]}').");
            }
        }

        if (options.BehindProxy && !options.AllowRemote)
        {
            // A proxy on this machine reaches a loopback-only app and serves it to everyone: that is remote serving.
            errors.Add($"{SecurityOptions.KnownProxiesKey} or {SecurityOptions.KnownNetworksKey} is set, so other machines reach the dashboard through a proxy; set {SecurityOptions.AllowRemoteKey}=true and {SecurityOptions.SharedPasswordKey} so that every page requires a login.");
        }

        return errors;
    }
}
