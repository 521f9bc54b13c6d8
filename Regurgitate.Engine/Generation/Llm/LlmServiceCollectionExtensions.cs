using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>Binds <see cref="LlmGeneratorOptions"/> from <c>Regurgitate:Llm</c> (appsettings, user-secrets, environment) with its validator.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the options and their validator. Not validated on start: a host without an LLM configured still runs;
    /// the options are validated when a generator is created.
    /// </summary>
    public static IServiceCollection AddLlmGeneratorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmGeneratorOptions>().Bind(configuration.GetSection(LlmGeneratorOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmGeneratorOptions>, LlmGeneratorOptionsValidator>());
        return services;
    }
}
