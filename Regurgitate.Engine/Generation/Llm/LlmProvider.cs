namespace Regurgitate.Engine.Generation.Llm;

/// <summary>Which kind of chat-completions endpoint <see cref="LlmGeneratorOptions.Endpoint"/> is.</summary>
public enum LlmProvider
{
    /// <summary>An Azure OpenAI resource; <see cref="LlmGeneratorOptions.Model"/> names the deployment, the key goes in the <c>api-key</c> header.</summary>
    AzureOpenAI,

    /// <summary>OpenAI or any server speaking its <c>/chat/completions</c> API (vLLM, llama.cpp, LiteLLM proxy…); bearer-token auth.</summary>
    OpenAICompatible,
}
