namespace Regurgitate.Engine.Generation.Llm;

/// <summary>How <see cref="LlmGenerator"/> sends the requests it has not answered yet.</summary>
public enum LlmGenerationMode
{
    /// <summary>One chat-completions request per (source, sample), answered within seconds.</summary>
    Chat,

    /// <summary>
    /// All missing requests in one Batch API job (JSONL upload, batch create, poll, result download): cheaper, answered
    /// within the provider's completion window. See <see cref="LlmBatchRunner"/>.
    /// </summary>
    Batch,
}
