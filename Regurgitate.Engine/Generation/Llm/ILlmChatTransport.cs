namespace Regurgitate.Engine.Generation.Llm;

/// <summary>Sends one prepared chat-completions body, once (no retries: those belong to <see cref="LlmGenerator"/>).</summary>
internal interface ILlmChatTransport
{
    /// <summary>Returns any HTTP reply (errors included); throws only when there was none (timeout, connection failure).</summary>
    Task<LlmHttpReply> SendAsync(LlmRequest request, CancellationToken cancellationToken);
}
