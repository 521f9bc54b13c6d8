namespace Regurgitate.Engine.Tests.Hosted;

/// <summary>Reports on the caller's thread at once (<see cref="Progress{T}"/> would post later, after the assertions).</summary>
internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
