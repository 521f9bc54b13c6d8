using System.Text.Json;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Engine.Tests.Decoding;

public class DecodingConfigTests
{
    [Fact]
    public void DevCurvesUseGreedyAndTheTestSetUsesBeamFiveByDefault()
    {
        var config = new RunConfig();

        Assert.Equal(DecodingStrategy.Greedy, config.DevDecoding.Strategy);
        Assert.Equal(DecodingStrategy.Beam, config.TestDecoding.Strategy);
        Assert.Equal(5, config.TestDecoding.BeamSize);
        Assert.Equal(1.0, config.TestDecoding.LengthPenalty);
        Assert.Equal(1.5, config.TestDecoding.MaxLengthRatio);
        Assert.Equal(10, config.TestDecoding.MaxLengthOffset);
        Assert.Empty(RunConfigValidator.Validate(config));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void JsonStoredBeforeDecodingSettingsExistedStillLoadsWithTheDefaults(bool webNaming)
    {
        // A configuration as the runner (PascalCase) or the dashboard's database (camelCase) stored it before.
        var options = webNaming ? new JsonSerializerOptions(JsonSerializerDefaults.Web) : new JsonSerializerOptions();
        var old = JsonSerializer.SerializeToNode(new RunConfig { Seed = 7 }, options)!.AsObject();
        old.Remove(webNaming ? "devDecoding" : "DevDecoding");
        old.Remove(webNaming ? "testDecoding" : "TestDecoding");

        var loaded = JsonSerializer.Deserialize<RunConfig>(old.ToJsonString(), options)!;

        Assert.Equal(7, loaded.Seed);
        Assert.Equal(DecodingConfig.Greedy, loaded.DevDecoding);
        Assert.Equal(new DecodingConfig(), loaded.TestDecoding);
    }

    [Fact]
    public void TheStrategyIsStoredByNameAndRoundTrips()
    {
        var config = new RunConfig { TestDecoding = DecodingConfig.Beam(8) with { LengthPenalty = 0.6 } };

        var json = JsonSerializer.Serialize(config);
        var loaded = JsonSerializer.Deserialize<RunConfig>(json)!;

        Assert.Contains("\"Strategy\":\"Beam\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Strategy\":\"Greedy\"", json, StringComparison.Ordinal);
        Assert.Equal(config, loaded);
    }

    [Fact]
    public void InvalidDecodingSettingsAreReportedByFieldPath()
    {
        var config = new RunConfig
        {
            DevDecoding = DecodingConfig.Greedy with { MaxLengthRatio = 0 },
            TestDecoding = new DecodingConfig { BeamSize = 65, LengthPenalty = 5.5, MaxLengthOffset = -1, SentencesPerBatch = 0 },
        };

        var fields = RunConfigValidator.Validate(config).Select(e => e.Field).ToList();

        Assert.Equal(
            ["DevDecoding.MaxLengthRatio", "TestDecoding.BeamSize", "TestDecoding.LengthPenalty", "TestDecoding.MaxLengthOffset", "TestDecoding.SentencesPerBatch"],
            fields.Order(StringComparer.Ordinal));
        Assert.Empty(RunConfigValidator.Validate(new RunConfig { TestDecoding = DecodingConfig.Beam(1) with { LengthPenalty = 0 } }));
        Assert.Empty(RunConfigValidator.Validate(new RunConfig { TestDecoding = DecodingConfig.Beam(64) with { LengthPenalty = 5 } }));
    }

    [Fact]
    public void TheFactoryBuildsTheDecoderTheConfigurationDescribes()
    {
        Assert.Equal("greedy", DecodingConfig.Greedy.Describe());
        Assert.Equal("beam 5, length penalty 1", new DecodingConfig().Describe());
        Assert.Equal("beam 4, length penalty 0.6", (DecodingConfig.Beam(4) with { LengthPenalty = 0.6 }).Describe());
    }
}
