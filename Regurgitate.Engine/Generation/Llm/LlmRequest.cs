namespace Regurgitate.Engine.Generation.Llm;

/// <summary>One chat-completions request for one (source, sample).</summary>
/// <param name="SourceIndex">The <see cref="SourceSegment.Index"/> it translates.</param>
/// <param name="Sample">Sample number for that source, 0-based.</param>
/// <param name="Hash">Cache key: lowercase hex SHA-256 of <see cref="LlmRequestFactory.CacheKeyMaterial"/>.</param>
/// <param name="Body">The JSON body sent to <c>/chat/completions</c>, exactly as hashed (holds no secret).</param>
public sealed record LlmRequest(int SourceIndex, int Sample, string Hash, string Body);
