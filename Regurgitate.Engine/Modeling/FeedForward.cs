using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear @in;
    private readonly Linear @out;
    private readonly FastDropout dropout;

    public FeedForward(string name, int modelDim, int hiddenDim, double dropout) : base(name)
    {
        @in = nn.Linear(modelDim, hiddenDim);
        @out = nn.Linear(hiddenDim, modelDim);
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => @out.forward(dropout.forward(nn.functional.relu(@in.forward(input))));
}
