using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear _in;
    private readonly Linear _out;
    private readonly Dropout _dropout;

    public FeedForward(string name, int modelDim, int hiddenDim, double dropout) : base(name)
    {
        _in = nn.Linear(modelDim, hiddenDim);
        _out = nn.Linear(hiddenDim, modelDim);
        _dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _out.forward(_dropout.forward(nn.functional.relu(_in.forward(input))));
}
