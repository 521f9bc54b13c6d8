using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// One grid point to fine-tune on: its <paramref name="Label"/> (for the journal and messages), the condition's training
/// pairs (German source, English target, real or generated), and the job's <c>seed</c> (the grid seed; null sends none).
/// </summary>
public sealed record HostedJobRequest(string Label, IReadOnlyList<SentencePair> TrainingPairs, int? Seed = null);
