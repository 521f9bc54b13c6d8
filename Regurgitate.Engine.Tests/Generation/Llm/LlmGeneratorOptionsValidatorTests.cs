using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Tests.Generation.Llm;

public sealed class LlmGeneratorOptionsValidatorTests
{
    [Fact]
    public void Every_error_is_listed_with_its_key()
    {
        var options = new LlmGeneratorOptions
        {
            Model = "",
            PromptTemplate = "Translate this.",
            Temperature = 3,
            TopP = 0,
            MaxOutputTokens = 0,
            SamplesPerSource = 0,
            MaxConcurrency = 0,
            MaxRetries = -1,
            RequestTimeout = TimeSpan.Zero,
            Budget = 5,
        };
        var errors = LlmGeneratorOptionsValidator.Errors(options);
        foreach (var key in new[] { "Endpoint", "Model", "ApiKey", "PromptTemplate", "Temperature", "TopP", "MaxOutputTokens", "SamplesPerSource", "MaxConcurrency", "MaxRetries", "RequestTimeout", "Budget" })
        {
            Assert.Contains(errors, e => e.StartsWith($"Regurgitate:Llm:{key} ", StringComparison.Ordinal));
        }

        var thrown = Assert.Throws<OptionsValidationException>(() => new LlmGenerator(options, Path.GetTempPath()));
        Assert.Equal(errors.Count, thrown.Failures.Count());
    }

    [Fact]
    public void Binds_from_configuration_with_the_key_from_the_environment_style_source()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Regurgitate:Llm:Endpoint"] = "https://example.openai.azure.com/",
            ["Regurgitate:Llm:Model"] = "gpt-4o-mini",
            ["Regurgitate:Llm:ApiKey"] = "from-secrets",
            ["Regurgitate:Llm:Temperature"] = "0.3",
            ["Regurgitate:Llm:RequestTimeout"] = "00:00:30",
        }).Build();
        var options = configuration.GetSection(LlmGeneratorOptions.SectionName).Get<LlmGeneratorOptions>()!;

        Assert.Equal("gpt-4o-mini", options.Model);
        Assert.Equal(0.3, options.Temperature);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Contains("{source}", options.PromptTemplate, StringComparison.Ordinal);
        Assert.Empty(LlmGeneratorOptionsValidator.Errors(options));
    }

    [Fact]
    public void Registration_binds_the_section_and_adds_the_validator()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Regurgitate:Llm:Model"] = "m" }).Build();
        var services = new ServiceCollection().AddLlmGeneratorOptions(configuration);
        Assert.Contains(services, d => d.ServiceType == typeof(IValidateOptions<LlmGeneratorOptions>) && d.ImplementationType == typeof(LlmGeneratorOptionsValidator));
        Assert.Contains(services, d => d.ServiceType == typeof(IConfigureOptions<LlmGeneratorOptions>));
        var failure = new LlmGeneratorOptionsValidator().Validate(null, new LlmGeneratorOptions { Model = "m" });
        Assert.True(failure.Failed);
        Assert.Contains(failure.Failures!, f => f.Contains("Regurgitate:Llm:ApiKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://llm.example.com/v1", false)]
    [InlineData("http://10.0.0.5:8080/v1", false)]
    [InlineData("http://[2001:db8::1]/v1", false)]
    [InlineData("http://127.0.0.1:8080/v1", true)]
    [InlineData("http://localhost:11434/v1", true)]
    [InlineData("http://[::1]:8080/v1", true)]
    [InlineData("https://llm.example.com/v1", true)]
    public void Plain_http_is_refused_unless_the_endpoint_is_loopback(string endpoint, bool allowed)
    {
        var options = new LlmGeneratorOptions { Endpoint = new Uri(endpoint), Model = "m", ApiKey = "sk-test" };

        var errors = LlmGeneratorOptionsValidator.Errors(options);

        if (allowed)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.StartsWith("Regurgitate:Llm:Endpoint is plain http to ", error, StringComparison.Ordinal);
            Assert.Contains("in clear", error, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-test", error, StringComparison.Ordinal);
        }
    }
}
