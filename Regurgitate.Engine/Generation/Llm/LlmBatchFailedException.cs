namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// A Batch API job of <see cref="LlmGenerator"/> ended without completing (<c>failed</c>, <c>expired</c>,
/// <c>cancelled</c>) or could not be created (its input file or body was refused). Rows the provider did answer are
/// journalled before this is thrown; the message names the batch and its status and carries the provider's errors.
/// </summary>
public sealed class LlmBatchFailedException : Exception
{
    public LlmBatchFailedException()
    {
    }

    public LlmBatchFailedException(string message)
        : base(message)
    {
    }

    public LlmBatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmBatchFailedException(string message, string? batchId, string? status, Exception? innerException = null)
        : base(message, innerException)
    {
        BatchId = batchId;
        Status = status;
    }

    /// <summary>The provider's batch id; null when the batch was never created.</summary>
    public string? BatchId { get; }

    /// <summary>The batch's last status (<c>failed</c>, <c>expired</c>, <c>cancelled</c>), or null when it was never created.</summary>
    public string? Status { get; }
}
