using Microsoft.Extensions.Configuration;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// The configured secrets (every setting whose key ends in ApiKey, Password, Secret or Token: user-secrets,
/// environment, appsettings) and their removal from text, so no archive carries one even if it leaked into a run's
/// files or messages (issue 8).
/// </summary>
public sealed class SecretRedactor
{
    public const string Redacted = "[redacted]";

    // Short values ("true", "0") are settings, not secrets; replacing them would corrupt every entry.
    private const int MinimumSecretLength = 8;
    private static readonly string[] SecretKeySuffixes = ["ApiKey", "Password", "Secret", "Token"];

    private readonly string[] secrets;

    public SecretRedactor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        secrets =
        [
            .. configuration.AsEnumerable()
                .Where(pair => pair.Value is { Length: >= MinimumSecretLength } && SecretKeySuffixes.Any(s => pair.Key.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
                .Select(pair => pair.Value!)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length),
        ];
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    public string? RedactNullable(string? text) => text is null ? null : Redact(text);

    /// <summary>The configured secrets as UTF-8, for scanning binary files that cannot be redacted.</summary>
    public IReadOnlyList<byte[]> SecretBytes => [.. secrets.Select(System.Text.Encoding.UTF8.GetBytes)];
}
