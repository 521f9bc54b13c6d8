namespace Regurgitate.Engine.Generation.Llm;

/// <summary>What the parsing policy made of one raw response: exactly one of <see cref="Text"/> and <see cref="Failure"/>.</summary>
public sealed record LlmParsedReply(string? Text, string? Failure);
