namespace Regurgitate.Workbench.Tests.TestSupport;

/// <summary>
/// Test classes that build Workers-mode hosts in this process run one after another. Hangfire keeps its log provider,
/// job storage and job activator in statics (<c>GlobalConfiguration</c>, <c>JobStorage.Current</c>), which each host's
/// <c>AddHangfire</c> points at its own logger factory and service scope: with two such hosts alive at once, one picked
/// up the other's logger factory after that host was disposed and failed to start with <c>ObjectDisposedException</c>.
/// A host that only fails validation counts too: starting it resolves the hosted services, and with them Hangfire's
/// configuration (a CI run failed when the validator test's refused host ran beside a dispatch test). A real process has
/// one host, so only tests need this; classes outside the collection still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire hosts (process-wide statics)";
}
