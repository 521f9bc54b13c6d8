namespace Regurgitate.Engine.Tests.Data;

/// <summary>Unlike <see cref="Progress{T}"/>, reports on the calling thread, so a test sees every report before it asserts.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
