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

        return errors;
    }
}
