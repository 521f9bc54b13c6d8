namespace Regurgitate.Testing;

/// <summary>How a job of <see cref="FakeOpenAiServer"/> ends: <c>succeeded</c>, <c>failed</c> with an error message, or <c>cancelled</c>.</summary>
public sealed record FakeJobOutcome(string Status, string? Error = null)
{
    public static FakeJobOutcome Succeeded { get; } = new("succeeded");

    public static FakeJobOutcome Cancelled { get; } = new("cancelled");

    public static FakeJobOutcome Failed(string message) => new("failed", message);
}
