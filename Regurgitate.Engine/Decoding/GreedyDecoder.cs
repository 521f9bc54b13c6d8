using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Decoding;

/// <summary>
/// Batched greedy decoding with the incremental decoder state: each step feeds only the previous token, and
/// sentences that produced EOS (or reached their length limit) are dropped from the batch, so the remaining rows
/// do not pay for them.
/// </summary>
public sealed class GreedyDecoder : BatchedDecoder
{
    public GreedyDecoder(TranslationTransformer model, SpecialTokenIds special, Device device) : base(model, special, device)
    {
    }

    protected override int[][] DecodeBatch(DecoderState state, int[] maxLengths, CancellationToken cancellationToken)
    {
        var outputs = maxLengths.Select(_ => new List<int>()).ToArray();
        var alive = Enumerable.Range(0, maxLengths.Length).Where(s => maxLengths[s] > 0).ToList();
        if (alive.Count < maxLengths.Length)
        {
            state.Select(tensor(alive.Select(s => (long)s).ToArray()));
        }

        var previous = Enumerable.Repeat((long)Special.Bos, alive.Count).ToArray();
        while (alive.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var step = NewDisposeScope();
            var next = NextLogProbs(previous, state).argmax(-1).cpu().data<long>().ToArray();
            var keep = new List<long>(alive.Count);
            var nextAlive = new List<int>(alive.Count);
            for (var row = 0; row < alive.Count; row++)
            {
                var sentence = alive[row];
                var token = (int)next[row];
                if (token == Special.Eos)
                {
                    continue;
                }

                outputs[sentence].Add(token);
                if (outputs[sentence].Count < maxLengths[sentence])
                {
                    keep.Add(row);
                    nextAlive.Add(sentence);
                }
            }

            if (keep.Count == 0)
            {
                break;
            }

            if (keep.Count < alive.Count)
            {
                state.Select(tensor(keep.ToArray()));
            }

            previous = keep.Select(row => next[row]).ToArray();
            alive = nextAlive;
        }

        return outputs.Select(o => o.ToArray()).ToArray();
    }
}
