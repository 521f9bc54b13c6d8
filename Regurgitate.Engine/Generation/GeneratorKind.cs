namespace Regurgitate.Engine.Generation;

public enum GeneratorKind
{
    /// <summary>Outputs of an external MT or LLM system, read from files.</summary>
    Imported,

    /// <summary>A chat-completion endpoint (Azure OpenAI or OpenAI-compatible).</summary>
    Llm,

    /// <summary>A Regurgitate model trained on this machine.</summary>
    Local,

    /// <summary>The human references themselves, as a set (e.g. the real pairs held out to train local generators).</summary>
    Human,
}
