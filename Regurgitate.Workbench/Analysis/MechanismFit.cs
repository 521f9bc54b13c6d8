using Regurgitate.Engine.Analysis;

namespace Regurgitate.Workbench.Analysis;

/// <summary>Test BLEU against one training-set metric over the runs that trained on synthetic data.</summary>
public sealed record MechanismFit(MechanismMetric Metric, RelationFit Fit);
