using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Sends files and fine-tuning calls through the official SDK's pipeline (<see cref="AzureOpenAIClient"/> or
/// <see cref="OpenAIClient"/>: its authentication, user agent and transport), with messages we build ourselves. Not
/// its typed methods, because in OpenAI 2.1 <c>CreateFineTuningJobAsync</c> parses the reply before the caller sees
/// it (an error body or a cut-off 200 becomes a JSON exception without status or body), and job events are reachable
/// only through an operation that first fetches the job; we need every raw status and body to classify and journal
/// them. The SDK's retry policy is off: every retry is <see cref="HostedCallSender"/>'s.
/// </summary>
internal sealed class SdkHostedApiTransport : IHostedApiTransport
{
    private readonly ClientPipeline pipeline;
    private readonly HostedFineTuningOptions options;
    private readonly TimeProvider time;

    public SdkHostedApiTransport(HostedFineTuningOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options;
        this.time = time;
        var credential = new ApiKeyCredential(options.ApiKey ?? throw new ArgumentException("No API key.", nameof(options)));
        var networkTimeout = options.RequestTimeout + TimeSpan.FromSeconds(5); // our per-attempt timeout fires first
        pipeline = options.Provider switch
        {
            LlmProvider.AzureOpenAI => new AzureOpenAIClient(options.Endpoint, credential, new AzureOpenAIClientOptions
            {
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = networkTimeout,
            }).Pipeline,
            LlmProvider.OpenAICompatible => new OpenAIClient(credential, new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = networkTimeout,
            }).Pipeline,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown provider."),
        };
    }

    public async Task<LlmHttpReply> SendAsync(HostedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var message = pipeline.CreateMessage();
        message.ResponseClassifier = PipelineMessageClassifier.Create(stackalloc ushort[] { 200 });
        var request = message.Request;
        request.Method = call.Method;
        request.Uri = Address(call);
        request.Headers.Set("Accept", "application/json");
        request.Headers.Set(SdkChatTransport.RequestHashHeader, call.Hash);
        if (call.Body is not null)
        {
            request.Headers.Set("Content-Type", call.ContentType ?? "application/json");
            request.Content = BinaryContent.Create(BinaryData.FromBytes(call.Body));
        }

        var requestOptions = new RequestOptions { ErrorOptions = ClientErrorBehaviors.NoThrow, CancellationToken = cancellationToken };
        message.Apply(requestOptions);
        await pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response ?? throw new IOException("The SDK pipeline returned no response.");
        // A connection closed before any reply leaves a response without status or content rather than an exception.
        var content = response.Content.ToMemory();
        if (response.Status == 0)
        {
            throw new IOException("The connection closed without a reply.");
        }

        return new LlmHttpReply(response.Status, content.IsEmpty ? "" : System.Text.Encoding.UTF8.GetString(content.Span), SdkChatTransport.RetryAfter(response.Headers, time.GetUtcNow()));
    }

    /// <summary>Azure routes the API under <c>/openai/</c> with an <c>api-version</c>; OpenAI-compatible servers under their root.</summary>
    private Uri Address(HostedCall call)
    {
        var root = options.Endpoint!.AbsoluteUri.TrimEnd('/');
        var query = new List<string>();
        var prefix = "";
        if (options.Provider == LlmProvider.AzureOpenAI)
        {
            prefix = "/openai";
            query.Add("api-version=" + Uri.EscapeDataString(options.AzureApiVersion));
        }

        foreach (var (name, value) in call.Query ?? [])
        {
            query.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        }

        return new Uri($"{root}{prefix}/{call.Path}" + (query.Count == 0 ? "" : "?" + string.Join('&', query)));
    }
}
