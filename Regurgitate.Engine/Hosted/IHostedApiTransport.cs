using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>Sends one <see cref="HostedCall"/>, once (retries belong to <see cref="HostedCallSender"/>).</summary>
internal interface IHostedApiTransport
{
    /// <summary>Returns any HTTP reply (errors included); throws only when there was none (timeout, connection failure).</summary>
    Task<LlmHttpReply> SendAsync(HostedCall call, CancellationToken cancellationToken);
}
