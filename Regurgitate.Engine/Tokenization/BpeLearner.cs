using System.Runtime.InteropServices;
using System.Text;

namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// Learns a joint byte-level BPE model (both languages in one vocabulary) from raw sentences.
/// </summary>
/// <remarks>
/// <para>Sentences are split by the same pre-tokenizer the encoder uses; each distinct piece is counted once with its
/// frequency and starts as its UTF-8 bytes. Pair counts are kept up to date incrementally: an index from each pair to
/// the pieces that contain it means a merge only rescans those pieces, and a max-heap with lazy invalidation (stale
/// entries are re-queued with their current count when popped) finds the next pair.</para>
/// <para>Tie-breaking, for determinism: the most frequent pair wins; among equally frequent pairs the one with the
/// smaller left token id, then the smaller right token id. Byte tokens have ids 4 + byte value and learned tokens
/// get ids in merge order, so ties go to bytes in byte order before tokens, and to older tokens before newer ones.</para>
/// <para>A pair whose concatenation already exists as a token (reachable by another merge order, e.g. "ab"+"c" and
/// "a"+"bc") is never merged. Every learned token then has exactly one merge, which keeps merges.txt free of duplicates
/// and makes the encoder's rank-order application reproduce the learner's segmentation exactly.</para>
/// <para>Learning stops at <see cref="VocabularySize"/> tokens, or earlier when no pair occurs at least
/// <see cref="MinPairFrequency"/> times (a small corpus can run out of pairs); check <c>Tokens.Count</c>.</para>
/// </remarks>
public sealed class BpeLearner
{
    public BpeLearner(int vocabularySize, int minPairFrequency = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, BpeModel.BaseVocabularySize);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPairFrequency, 1);
        VocabularySize = vocabularySize;
        MinPairFrequency = minPairFrequency;
    }

    /// <summary>Target vocabulary size including the special and byte tokens.</summary>
    public int VocabularySize { get; }

    public int MinPairFrequency { get; }

    /// <param name="progress">Receives the fraction of the planned merges done (0..1), about a hundred times per run.</param>
    public BpeModel Learn(IEnumerable<string> sentences, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        LearnWithSegmentations(sentences, progress, cancellationToken).Model;

    /// <summary>Also returns the learner's final segmentation (token ids) of every distinct pre-tokenized piece, so tests
    /// can check that the encoder reproduces it.</summary>
    internal (BpeModel Model, IReadOnlyDictionary<string, int[]> Segmentations) LearnWithSegmentations(
        IEnumerable<string> sentences, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var pieceCounts = CountPieces(sentences, cancellationToken);
        var state = new MergeState(pieceCounts);

        var tokens = new List<string>(VocabularySize);
        tokens.AddRange(SpecialTokens.All);
        tokens.AddRange(ByteLevelAlphabet.ByteTokens);
        var tokenIds = new Dictionary<string, int>(VocabularySize, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            tokenIds.Add(tokens[id], id);
        }

        var merges = new List<BpeMerge>(VocabularySize - BpeModel.BaseVocabularySize);
        var plannedMerges = VocabularySize - BpeModel.BaseVocabularySize;
        var reportEvery = Math.Max(1, plannedMerges / 100);

        while (tokens.Count < VocabularySize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!state.TryTakeBestPair(MinPairFrequency, out var left, out var right))
            {
                break;
            }

            var merged = tokens[left] + tokens[right];
            if (tokenIds.ContainsKey(merged))
            {
                state.Ban(left, right);
                continue;
            }

            var newId = tokens.Count;
            tokens.Add(merged);
            tokenIds.Add(merged, newId);
            merges.Add(new BpeMerge(tokens[left], tokens[right]));
            state.Merge(left, right, newId);

            if (merges.Count % reportEvery == 0)
            {
                progress?.Report((double)merges.Count / plannedMerges);
            }
        }

        progress?.Report(1.0);
        return (new BpeModel(tokens, merges), state.Segmentations());
    }

    private static Dictionary<string, int> CountPieces(IEnumerable<string> sentences, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = 0;
        foreach (var sentence in sentences)
        {
            if (++seen % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (sentence is null)
            {
                throw new ArgumentException($"Sentence {seen} is null.", nameof(sentences));
            }

            foreach (var (offset, length) in SubwordPreTokenizer.Instance.PreTokenize(sentence))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, sentence.AsSpan(offset, length), out _)++;
            }
        }

        return counts;
    }

    /// <summary>Pieces as symbol-id arrays plus pair statistics kept in step with them.</summary>
    private sealed class MergeState
    {
        private static readonly Comparer<(int Count, long Pair)> BestFirst = Comparer<(int Count, long Pair)>.Create(
            static (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair));

        private readonly string[] pieces;
        private readonly int[] frequencies;
        private readonly int[][] symbols;
        private readonly int[] lengths;
        private readonly Dictionary<long, int> pairCounts = [];

        // May hold pieces that no longer contain the pair, or a piece twice; Merge tolerates both.
        private readonly Dictionary<long, List<int>> piecesWithPair = [];
        private readonly PriorityQueue<long, (int Count, long Pair)> queue = new(BestFirst);
        private readonly HashSet<long> banned = [];
        private readonly Dictionary<long, int> deltas = [];

        public MergeState(Dictionary<string, int> pieceCounts)
        {
            var n = pieceCounts.Count;
            pieces = new string[n];
            frequencies = new int[n];
            symbols = new int[n][];
            lengths = new int[n];
            var w = 0;
            foreach (var (piece, frequency) in pieceCounts)
            {
                var bytes = Encoding.UTF8.GetBytes(piece);
                var symbols = new int[bytes.Length];
                for (var i = 0; i < bytes.Length; i++)
                {
                    symbols[i] = BpeModel.FirstByteId + bytes[i];
                }

                pieces[w] = piece;
                frequencies[w] = frequency;
                this.symbols[w] = symbols;
                lengths[w] = symbols.Length;
                for (var i = 0; i + 1 < symbols.Length; i++)
                {
                    var pair = Key(symbols[i], symbols[i + 1]);
                    CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _) += frequency;
                    AddPiece(pair, w);
                }

                w++;
            }

            foreach (var (pair, count) in pairCounts)
            {
                queue.Enqueue(pair, (count, pair));
            }
        }

        public bool TryTakeBestPair(int minFrequency, out int left, out int right)
        {
            while (queue.TryDequeue(out var pair, out var queued))
            {
                if (!pairCounts.TryGetValue(pair, out var count) || banned.Contains(pair))
                {
                    continue;
                }

                if (count != queued.Count)
                {
                    queue.Enqueue(pair, (count, pair));
                    continue;
                }

                if (count < minFrequency)
                {
                    break;
                }

                (left, right) = ((int)(pair >> 32), (int)pair);
                return true;
            }

            (left, right) = (-1, -1);
            return false;
        }

        public void Ban(int left, int right) => banned.Add(Key(left, right));

        public void Merge(int left, int right, int newId)
        {
            var merged = Key(left, right);
            deltas.Clear();
            if (piecesWithPair.Remove(merged, out var pieces))
            {
                foreach (var w in pieces)
                {
                    MergeInPiece(w, left, right, newId);
                }
            }

            pairCounts.Remove(merged);
            foreach (var (pair, delta) in deltas)
            {
                if (pair == merged || delta == 0)
                {
                    continue;
                }

                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _);
                count += delta;
                var updated = count;
                if (updated <= 0)
                {
                    pairCounts.Remove(pair);
                    piecesWithPair.Remove(pair);
                }
                else if (delta > 0 && !banned.Contains(pair))
                {
                    // Decreases leave a stale, too-high entry behind that TryTakeBestPair corrects; increases need a new one.
                    queue.Enqueue(pair, (updated, pair));
                }
            }
        }

        public IReadOnlyDictionary<string, int[]> Segmentations()
        {
            var result = new Dictionary<string, int[]>(pieces.Length, StringComparer.Ordinal);
            for (var w = 0; w < pieces.Length; w++)
            {
                result.Add(pieces[w], symbols[w].AsSpan(0, lengths[w]).ToArray());
            }

            return result;
        }

        /// <summary>
        /// Merges every occurrence of (a, b) left to right, in place, and records the pair-count changes. The encoder
        /// resolves overlapping occurrences (e.g. "a a a" with merge "a a") the same way: leftmost first.
        /// </summary>
        private void MergeInPiece(int w, int a, int b, int c)
        {
            var s = symbols[w];
            var n = lengths[w];
            var f = frequencies[w];
            var read = 0;
            var write = 0;
            var previousOriginal = -1;
            while (read < n)
            {
                if (read + 1 < n && s[read] == a && s[read + 1] == b)
                {
                    AddDelta(Key(a, b), -f);
                    if (read > 0)
                    {
                        AddDelta(Key(previousOriginal, a), -f);
                        var newLeftPair = Key(s[write - 1], c);
                        AddDelta(newLeftPair, f);
                        AddPiece(newLeftPair, w);
                    }

                    if (read + 2 < n)
                    {
                        var next = s[read + 2];
                        var nextIsAlsoMerged = read + 3 < n && next == a && s[read + 3] == b;

                        // A following occurrence accounts for the pair between the two itself (as its left neighbour).
                        if (!nextIsAlsoMerged)
                        {
                            AddDelta(Key(b, next), -f);
                            var newRightPair = Key(c, next);
                            AddDelta(newRightPair, f);
                            AddPiece(newRightPair, w);
                        }
                    }

                    s[write++] = c;
                    previousOriginal = b;
                    read += 2;
                }
                else
                {
                    previousOriginal = s[read];
                    s[write++] = s[read++];
                }
            }

            lengths[w] = write;
        }

        private void AddDelta(long pair, int delta) => CollectionsMarshal.GetValueRefOrAddDefault(deltas, pair, out _) += delta;

        private void AddPiece(long pair, int w)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(piecesWithPair, pair, out _);
            list ??= [];
            if (list.Count == 0 || list[^1] != w)
            {
                list.Add(w);
            }
        }

        private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
    }
}
