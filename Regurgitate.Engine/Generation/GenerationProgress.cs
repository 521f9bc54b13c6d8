namespace Regurgitate.Engine.Generation;

/// <summary>Progress of a generation: results so far (cached ones included), failures, money spent and time left.</summary>
public sealed record GenerationProgress(int Completed, int Total, int Failed, decimal Cost, TimeSpan? Remaining);
