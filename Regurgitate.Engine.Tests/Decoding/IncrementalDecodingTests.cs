using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Tests.TestSupport;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Decoding;

/// <summary>The cached one-step-at-a-time decoder must compute exactly what the full teacher-forced decoder computes.</summary>
[Collection(TorchCollection.Name)]
public class IncrementalDecodingTests
{
    public static TheoryData<PositionEncoding, bool> Shapes => new()
    {
        { PositionEncoding.Sinusoidal, true },
        { PositionEncoding.Learned, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DecodeStepGivesTheSameLogProbabilitiesAsFullDecodeAtEveryPosition(PositionEncoding positions, bool tied)
    {
        var config = ModelConfig.Tiny with
        {
            DModel = 32,
            Heads = 4,
            EncoderLayers = 2,
            DecoderLayers = 2,
            FeedForward = 64,
            MaxPositions = 64,
            Positions = positions,
            TieEmbeddings = tied,
            Dropout = 0.1,
        };
        using var model = DecodingFixtures.RandomModel(1, config);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // Three sources of different lengths (padded), ten target tokens each.
        var source = tensor(new long[,] { { 5, 6, 7, 8, 2 }, { 9, 10, 2, 0, 0 }, { 11, 2, 0, 0, 0 } });
        manual_seed(2);
        var target = randint(3, DecodingFixtures.Vocabulary, [3, 10]);
        target[TensorIndex.Colon, 0] = tensor(1L);
        var mask = model.SourceMask(source);
        var memory = model.Encode(source, mask);
        var full = model.Decode(target, memory, mask).log_softmax(-1);

        using var state = model.StartDecoding(memory, mask);
        for (var t = 0; t < 10; t++)
        {
            var step = model.DecodeStep(target[TensorIndex.Colon, t], state);
            var difference = (step - full[TensorIndex.Colon, t]).abs().max().item<float>();
            Assert.True(difference < 1e-5, $"position {t}: max difference {difference}");
        }

        Assert.Equal(10, state.Length);
    }

    [Fact]
    public void SelectingRowsReordersAndDuplicatesTheirCachedStates()
    {
        using var model = DecodingFixtures.RandomModel(3);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var source = tensor(new long[,] { { 5, 6, 7, 2 }, { 9, 10, 2, 0 }, { 11, 12, 13, 2 } });
        var target = tensor(new long[,] { { 1, 4, 5, 6, 7 }, { 1, 8, 9, 10, 11 }, { 1, 12, 13, 14, 15 } });
        var mask = model.SourceMask(source);
        var memory = model.Encode(source, mask);

        using var state = model.StartDecoding(memory, mask);
        for (var t = 0; t < 3; t++)
        {
            model.DecodeStep(target[TensorIndex.Colon, t], state);
        }

        var rows = tensor(new long[] { 2, 0, 0 });
        state.Select(rows);
        Assert.Equal(3, state.Rows);
        var selectedTarget = target.index_select(0, rows);
        var step3 = model.DecodeStep(selectedTarget[TensorIndex.Colon, 3], state);
        var step4 = model.DecodeStep(selectedTarget[TensorIndex.Colon, 4], state);

        var selectedSource = source.index_select(0, rows);
        var selectedMask = model.SourceMask(selectedSource);
        var full = model.Decode(selectedTarget, model.Encode(selectedSource, selectedMask), selectedMask).log_softmax(-1);
        Assert.True((step3 - full[TensorIndex.Colon, 3]).abs().max().item<float>() < 1e-5);
        Assert.True((step4 - full[TensorIndex.Colon, 4]).abs().max().item<float>() < 1e-5);

        state.Select(tensor(new long[] { 1 }));
        Assert.Equal(1, state.Rows);
        Assert.Equal(5, state.Length);
    }
}
