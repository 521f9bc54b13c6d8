namespace Regurgitate.Testing;

/// <summary>
/// A scripted fault of <see cref="FakeOpenAiServer"/>. <see cref="Instead"/> is answered without doing what the call
/// asks (a 429, 500 or 400 that created nothing). <see cref="TruncateAfter"/> does it, then answers 200 with the first
/// half of the JSON (the provider created the file or job, the client cannot read its id). <see cref="DropAfter"/> does
/// it, then closes the connection without an answer.
/// </summary>
public sealed record FakeOpenAiFault(FakeReply? Instead = null, bool TruncateAfter = false, bool DropAfter = false)
{
    public static FakeOpenAiFault Reply(FakeReply reply) => new(Instead: reply);

    public static FakeOpenAiFault Truncated { get; } = new(TruncateAfter: true);

    public static FakeOpenAiFault Dropped { get; } = new(DropAfter: true);
}
