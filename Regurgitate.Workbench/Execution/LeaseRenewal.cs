namespace Regurgitate.Workbench.Execution;

/// <summary>What a heartbeat found: the claim still held (and whether someone asked to cancel the run) or lost.</summary>
public enum LeaseRenewal
{
    Held,
    CancelRequested,

    /// <summary>Another process took the run over (this one stalled past its lease): stop without writing anything more.</summary>
    Lost,
}
