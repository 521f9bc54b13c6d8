using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Sends requests through the official SDK pipeline (<see cref="AzureOpenAIClient"/> or OpenAI's <see cref="ChatClient"/>
/// with a custom endpoint), using its protocol method so that the body we hashed is the body sent and the raw reply is
/// what we store. The SDK's own retry policy is switched off: every retry is ours, so attempts are counted exactly.
/// </summary>
internal sealed class SdkChatTransport : ILlmChatTransport
{
    /// <summary>Header carrying the cache key, so server-side logs (and the test server) can tell requests apart.</summary>
    public const string RequestHashHeader = "x-regurgitate-request";

    private readonly ChatClient client;
    private readonly TimeProvider time;

    /// <param name="time">Clock against which a <c>Retry-After</c> date is turned into a wait.</param>
    public SdkChatTransport(LlmGeneratorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        var credential = new ApiKeyCredential(options.ApiKey ?? throw new ArgumentException("No API key.", nameof(options)));
        // Our own per-attempt timeout fires first; the SDK's is only a backstop.
        var networkTimeout = options.RequestTimeout + TimeSpan.FromSeconds(5);
        client = options.Provider switch
        {
            LlmProvider.AzureOpenAI => new AzureOpenAIClient(options.Endpoint, credential, new AzureOpenAIClientOptions
            {
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = networkTimeout,
            }).GetChatClient(options.Model),
            LlmProvider.OpenAICompatible => new ChatClient(options.Model, credential, new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = networkTimeout,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown provider."),
        };
    }

    public async Task<LlmHttpReply> SendAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var requestOptions = new RequestOptions { ErrorOptions = ClientErrorBehaviors.NoThrow, CancellationToken = cancellationToken };
        requestOptions.SetHeader(RequestHashHeader, request.Hash);
        using var content = BinaryContent.Create(BinaryData.FromString(request.Body));
        var result = await client.CompleteChatAsync(content, requestOptions).ConfigureAwait(false);
        using var response = result.GetRawResponse();
        return new LlmHttpReply(response.Status, response.Content.ToString(), RetryAfter(response.Headers, time.GetUtcNow()));
    }

    /// <summary>Reads <c>retry-after-ms</c> (Azure/OpenAI) or <c>Retry-After</c> (seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfter(PipelineResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }
}
