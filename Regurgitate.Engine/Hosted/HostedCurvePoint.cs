namespace Regurgitate.Engine.Hosted;

/// <summary>
/// One point of a hosted fine-tuning learning curve: a grid point's condition, size and seed with the fine-tuned
/// model's test scores, or the reason it has none (<see cref="Failure"/>: the provider's message, or the budget).
/// Size 0 is the base model's zero-shot score, shared by every condition.
/// </summary>
public sealed record HostedCurvePoint(string Condition, int Size, int Seed, string? Model, double? Bleu, double? ChrF, string? Failure)
{
    public bool Succeeded => Failure is null;
}
