using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Decoding;

/// <summary>
/// Batched beam search: B sentences × K beams are decoded as B·K rows of one incremental decoder state.
/// <list type="bullet">
/// <item>Each step expands every live beam by every token and keeps, per sentence, the 2K best candidates by summed
/// log-probability. Candidates ending in EOS that rank among the first K become finished hypotheses; the best K
/// others continue (as in fairseq's sequence generator).</item>
/// <item>Finished hypotheses are ranked by <c>score / |y|^α</c> (fairseq's length normalisation, not GNMT's
/// <c>((5+|y|)/6)^α</c>), where score is the summed log-probability including EOS and |y| counts the tokens plus
/// EOS; α is <see cref="LengthPenalty"/>.</item>
/// <item>A sentence is done once K hypotheses have finished; at its length limit only EOS is allowed, so every
/// sentence ends with at least one finished hypothesis. Done sentences are dropped from the state.</item>
/// </list>
/// With K = 1 this is exactly greedy decoding.
/// </summary>
public sealed class BeamSearchDecoder : BatchedDecoder
{
    public BeamSearchDecoder(TranslationTransformer model, SpecialTokenIds special, Device device) : base(model, special, device)
    {
    }

    public int BeamSize { get; init; } = 5;

    /// <summary>Length-normalisation exponent α (see the class summary).</summary>
    public double LengthPenalty { get; init; } = 1.0;

    protected override int[][] DecodeBatch(DecoderState state, int[] maxLengths, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BeamSize, 1);
        var k = BeamSize;
        var sentences = maxLengths.Length;
        var vocabulary = Model.VocabularySize;
        var finished = Enumerable.Range(0, sentences).Select(_ => new List<(int[] Tokens, double Score)>()).ToArray();

        // Row s·K + j holds beam j of sentence s; all beams start from BOS, only beam 0 is live at first.
        var active = Enumerable.Range(0, sentences).ToList();
        state.Select(KeptScalars.Range(sentences, ScalarType.Int64).repeat_interleave(k));
        var prefixes = new int[sentences * k][];
        Array.Fill(prefixes, []);
        var scores = new float[sentences * k];
        for (var row = 0; row < scores.Length; row++)
        {
            scores[row] = row % k == 0 ? 0f : float.NegativeInfinity;
        }

        var previous = Enumerable.Repeat((long)Special.Bos, sentences * k).ToArray();
        for (var length = 0; active.Count > 0; length++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var step = NewDisposeScope();
            var logProbs = NextLogProbs(previous, state);
            var forced = active.Select(s => length >= maxLengths[s]).ToArray();
            if (forced.Any(f => f))
            {
                // At the length limit only EOS may follow.
                var rows = tensor(forced.SelectMany(f => Enumerable.Repeat(f, k)).ToArray(), device: Device).unsqueeze(1);
                using var eos = Special.Eos.ToScalar();
                var notEos = KeptScalars.Range(vocabulary, device: Device).ne(eos).unsqueeze(0);
                logProbs = logProbs.masked_fill(rows.logical_and(notEos), KeptScalars.NegativeInfinity);
            }

            var candidates = KeptScalars.Sum(logProbs, tensor(scores, device: Device).unsqueeze(1)).view(active.Count, k * vocabulary);
            var (topScores, topIndices) = candidates.topk(2 * k, dim: 1);
            var bestScores = topScores.cpu().data<float>().ToArray();
            var bestIndices = topIndices.cpu().data<long>().ToArray();

            var nextActive = new List<int>(active.Count);
            var parents = new List<long>(active.Count * k);
            var nextPrefixes = new List<int[]>(active.Count * k);
            var nextScores = new List<float>(active.Count * k);
            var nextTokens = new List<long>(active.Count * k);
            for (var a = 0; a < active.Count; a++)
            {
                var sentence = active[a];
                var continuing = new List<(long Parent, int[] Prefix, float Score, int Token)>(k);
                for (var c = 0; c < 2 * k; c++)
                {
                    var score = bestScores[(a * 2 * k) + c];
                    if (float.IsNegativeInfinity(score))
                    {
                        break;
                    }

                    var index = bestIndices[(a * 2 * k) + c];
                    var parent = (a * k) + (int)(index / vocabulary);
                    var token = (int)(index % vocabulary);
                    if (token == Special.Eos)
                    {
                        if (c < k)
                        {
                            var prefix = prefixes[parent];
                            finished[sentence].Add((prefix, score / Math.Pow(prefix.Length + 1, LengthPenalty)));
                        }
                    }
                    else if (continuing.Count < k)
                    {
                        continuing.Add((parent, [.. prefixes[parent], token], score, token));
                    }
                }

                if (finished[sentence].Count >= k || continuing.Count == 0 || forced[a])
                {
                    continue;
                }

                nextActive.Add(sentence);
                for (var j = 0; j < k; j++)
                {
                    // Fewer than K continuations (tiny vocabularies): pad with dead copies of the best one.
                    var (parent, prefix, score, token) = j < continuing.Count ? continuing[j] : continuing[0] with { Score = float.NegativeInfinity };
                    parents.Add(parent);
                    nextPrefixes.Add(prefix);
                    nextScores.Add(score);
                    nextTokens.Add(token);
                }
            }

            active = nextActive;
            if (active.Count == 0)
            {
                break;
            }

            state.Select(tensor(parents.ToArray()));
            prefixes = [.. nextPrefixes];
            scores = [.. nextScores];
            previous = [.. nextTokens];
        }

        return finished.Select(f => f.Count == 0 ? [] : f.MaxBy(h => h.Score).Tokens).ToArray();
    }
}
