namespace Regurgitate.Workbench.Persistence;

/// <summary>Where a run's model is trained; decides which executor runs it.</summary>
public enum RunKind
{
    /// <summary>A TorchSharp Transformer trained in this process (every run before hosted fine-tuning existed).</summary>
    Local,

    /// <summary>
    /// A hosted model fine-tuned on a provider through the OpenAI fine-tuning API (its configuration's <c>Hosted</c>
    /// section), or the base model scored before fine-tuning; executed by <see cref="Engine.Hosted.HostedRunExecutor"/>.
    /// </summary>
    Hosted,
}
