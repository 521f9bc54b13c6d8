namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>
/// One row of <see cref="HostileInputMatrixTests"/>: <paramref name="Act"/> feeds the input through the product's entry
/// point and asserts the refusal (or acceptance); <paramref name="Seed"/> prepares state the case needs first.
/// </summary>
internal sealed record HostileCase(string Name, HostileOutcome Outcome, Func<HostileBench, Task> Act, Func<HostileBench, Task>? Seed = null, long MaxImportBytes = 8L << 20);
