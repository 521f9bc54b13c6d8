namespace Regurgitate.Engine.Hosted;

/// <summary>A job that succeeded: the fine-tuned model's name, the ids it came from, and what it cost.</summary>
/// <param name="TrainedTokens">Tokens trained over all epochs, as the provider reports them (null if it did not).</param>
/// <param name="Cost">Trained tokens × price; the estimate when the provider reported no tokens.</param>
public sealed record HostedFineTuningResult(string Label, string FileId, string JobId, string FineTunedModel, long? TrainedTokens, decimal Cost);
