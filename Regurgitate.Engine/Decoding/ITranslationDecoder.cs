namespace Regurgitate.Engine.Decoding;

/// <summary>Translates subword id sequences with a trained model (greedy or beam search).</summary>
public interface ITranslationDecoder
{
    /// <summary>
    /// Translates every source (ids without EOS) and returns target ids without BOS/EOS, in input order.
    /// <paramref name="progress"/> receives the fraction of sentences done (0–1).
    /// </summary>
    IReadOnlyList<int[]> Translate(IReadOnlyList<int[]> sources, IProgress<double>? progress, CancellationToken cancellationToken);
}
