using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;

namespace Regurgitate.Engine.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TranslationTransformerParameterTests
{
    public static TheoryData<ModelConfig, int> Shapes => new()
    {
        { ModelConfig.Tiny, 1_000 },
        { ModelConfig.Tiny with { TieEmbeddings = false }, 1_000 },
        { ModelConfig.Tiny with { Positions = PositionEncoding.Learned, MaxPositions = 128 }, 777 },
        { ModelConfig.Small with { EncoderLayers = 2, DecoderLayers = 4, FeedForward = 512, TieEmbeddings = false, Positions = PositionEncoding.Learned }, 4_000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_reported_count_is_the_architectures_and_every_parameter_is_trainable(ModelConfig config, int vocabulary)
    {
        using var model = new TranslationTransformer(config, vocabulary, padId: 0);

        Assert.Equal(TransformerParameterFormula.Count(config, vocabulary), model.ParameterCount());
        Assert.Equal(model.parameters().Sum(p => p.numel()), model.ParameterCount());
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }
}
