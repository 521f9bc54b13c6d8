namespace Regurgitate.Engine.Generation.Llm;

/// <summary>One line of a batch's output or error file: the request it answers, the reply (status and raw body) or the provider's error.</summary>
internal sealed record LlmBatchRow(string CustomId, int Line, int? Status, string? Body, string? Error);
