namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Where one run executes in this process: the capacity pool it draws from (all runs when packing is off, the CPU
/// cores, or one GPU), how many of the pool's units it holds while it runs, the libtorch threads it gets (null: its
/// configured <c>Threads</c>), and why, in words for its log; a worker's slot also names the device (null: the run's
/// configured <c>Device</c>), which never enters the run's configuration (see <see cref="Engine.Experiments.RunResources"/>).
/// </summary>
public sealed record ExecutionPlacement(string Pool, int Capacity, int Units, int? Threads, string Reason, string? Device = null);
