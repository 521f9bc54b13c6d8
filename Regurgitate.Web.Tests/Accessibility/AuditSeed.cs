namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>The ids of the rows the accessibility audit seeds, so that pages with an id in their address show data.</summary>
/// <param name="ExperimentId">A spec experiment with two completed runs.</param>
/// <param name="FirstRunId">A completed run with curves, scores and samples.</param>
/// <param name="SecondRunId">A second completed run of the same experiment, for the comparison pages.</param>
public sealed record AuditSeed(int ExperimentId, int FirstRunId, int SecondRunId);
