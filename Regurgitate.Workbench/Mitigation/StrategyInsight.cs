using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Mitigation.Detection;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>What an ordered strategy's scoring step learned: the detector's held-out evaluation, or how each quality scorer agrees with the oracle.</summary>
public sealed record StrategyInsight(string Strategy, StrategyOrder Order, DetectorReport? Detector, IReadOnlyList<ScorerAgreement> Agreement);
