namespace Regurgitate.Cli.Commands;

/// <summary>What <c>regurgitate run</c> was asked to do (see <see cref="RunCommand"/>).</summary>
/// <param name="AllRuns">Also execute queued runs of other experiments instead of leaving them to the dashboard.</param>
/// <param name="DryRun">Only check the spec against its corpus and print its plan (see <see cref="RunDryRun"/>).</param>
public sealed record RunRequest(string SpecFile, string? ContentRoot, bool Verbose, double Resolve, bool AllRuns, bool DryRun = false);
