namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// The checks every configuration section that calls an OpenAI-style API shares (the generator's and hosted
/// fine-tuning's): where the key may travel, which provider, and how requests are retried. Each error names its key.
/// </summary>
internal static class LlmEndpointChecks
{
    /// <param name="apiKeyVariable">The environment variable that supplies the key, named in the error.</param>
    public static void Connection(List<string> errors, string section, Uri? endpoint, LlmProvider provider, string? apiKey, string apiKeyVariable)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{section}:Endpoint must be an absolute http(s) URI.");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            // The API key goes in a request header: over plain HTTP anyone on the path could read it.
            errors.Add($"{section}:Endpoint is plain http to '{endpoint.Host}', which would send the API key in clear; use https (plain http is allowed only to a loopback address such as 127.0.0.1 or localhost).");
        }

        if (!Enum.IsDefined(provider))
        {
            errors.Add($"{section}:Provider must be {nameof(LlmProvider.AzureOpenAI)} or {nameof(LlmProvider.OpenAICompatible)}.");
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            errors.Add($"{section}:ApiKey is not set; supply it with user-secrets or the environment variable {apiKeyVariable}.");
        }
    }

    public static void Retries(List<string> errors, string section, int maxRetries, TimeSpan requestTimeout, TimeSpan initialRetryDelay, TimeSpan maxRetryDelay)
    {
        if (maxRetries < 0)
        {
            errors.Add($"{section}:MaxRetries must not be negative.");
        }

        if (requestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:RequestTimeout must be positive.");
        }

        if (initialRetryDelay < TimeSpan.Zero)
        {
            errors.Add($"{section}:InitialRetryDelay must not be negative.");
        }

        if (maxRetryDelay < initialRetryDelay)
        {
            errors.Add($"{section}:MaxRetryDelay must not be shorter than InitialRetryDelay.");
        }
    }
}
