namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// The endpoint refused every request for a configuration reason (401/403: key; 404: endpoint or deployment).
/// The message names the configuration key to fix, never its value. Rows finished before the refusal stay in the journal.
/// </summary>
public sealed class LlmGenerationAbortedException : Exception
{
    public LlmGenerationAbortedException()
    {
    }

    public LlmGenerationAbortedException(string message)
        : base(message)
    {
    }

    public LlmGenerationAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmGenerationAbortedException(string message, string configurationKey, int status)
        : base(message)
    {
        ConfigurationKey = configurationKey;
        Status = status;
    }

    /// <summary>The configuration key to check, e.g. <c>Regurgitate:Llm:ApiKey</c>.</summary>
    public string? ConfigurationKey { get; }

    public int? Status { get; }
}
