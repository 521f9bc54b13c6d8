using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Cli.Scoring;

/// <summary>One scored result as sacreBLEU's <c>Score.format</c> needs it.</summary>
internal sealed record MetricResult(string Name, double Score, string Signature, string? Verbose);

/// <summary>A metric chosen with <c>-m</c>, configured from the command line, adapted to one shape.</summary>
internal abstract class CliMetric
{
    public abstract MetricResult Corpus(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs);

    public abstract MetricResult Sentence(string hyp, IReadOnlyList<string> refs);

    public abstract SegmentStatistics Statistics(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs);

    public static CliMetric Create(string name, ScoreRequest r) => name switch
    {
        "bleu" => new Bleu(r),
        "chrf" => new ChrF(new ChrFOptions
        {
            CharOrder = r.ChrFCharOrder,
            WordOrder = r.ChrFWordOrder,
            Beta = r.ChrFBeta,
            Whitespace = r.ChrFWhitespace,
            Lowercase = r.ChrFLowercase,
            EpsSmoothing = r.ChrFEpsSmoothing,
        }),
        "ter" => new Ter(new TerOptions { CaseSensitive = r.TerCaseSensitive, NoPunct = r.TerNoPunct, Normalized = r.TerNormalized }),
        _ => throw new ArgumentException($"Unknown metric '{name}'."),
    };

    private sealed class Bleu(ScoreRequest r) : CliMetric
    {
        private readonly ScoreRequest request = r;

        public override MetricResult Corpus(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs) =>
            Result(Metric(sentence: false).CorpusScore(hyps, refs));

        public override MetricResult Sentence(string hyp, IReadOnlyList<string> refs) => Result(Metric(sentence: true).SentenceScore(hyp, refs));

        public override SegmentStatistics Statistics(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs) =>
            Metric(sentence: false).CorpusStatistics(hyps, refs);

        // sacreBLEU's CLI turns effective order on for sentence-level BLEU.
        private BleuMetric Metric(bool sentence) => new(new BleuOptions
        {
            Tokenize = request.Tokenize,
            Lowercase = request.Lowercase,
            Smoothing = request.SmoothMethod switch
            {
                "floor" => BleuSmoothing.Floor,
                "add-k" => BleuSmoothing.AddK,
                "none" => BleuSmoothing.None,
                _ => BleuSmoothing.Exp,
            },
            SmoothValue = request.SmoothValue,
            EffectiveOrder = sentence ? true : null,
        });

        private static MetricResult Result(BleuScore s)
        {
            var precisions = string.Join('/', s.Precisions.Select(p => SacreBleuText.Fixed(p, 1)));
            var verbose = $"{precisions} (BP = {SacreBleuText.Fixed(s.BrevityPenalty, 3)} ratio = {SacreBleuText.Fixed(s.Ratio, 3)} " +
                $"hyp_len = {s.SysLen} ref_len = {s.RefLen})";
            return new MetricResult("BLEU", s.Score, s.Signature, verbose);
        }
    }

    private sealed class ChrF(ChrFOptions options) : CliMetric
    {
        private readonly ChrFMetric metric = new(options);

        public override MetricResult Corpus(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs) => Result(metric.CorpusScore(hyps, refs));

        public override MetricResult Sentence(string hyp, IReadOnlyList<string> refs) => Result(metric.SentenceScore(hyp, refs));

        public override SegmentStatistics Statistics(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs) => metric.CorpusStatistics(hyps, refs);

        private static MetricResult Result(ChrFScore s) => new(s.Name, s.Score, s.Signature, null);
    }

    private sealed class Ter(TerOptions options) : CliMetric
    {
        private readonly TerMetric metric = new(options);

        public override MetricResult Corpus(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs) => Result(metric.CorpusScore(hyps, refs));

        public override MetricResult Sentence(string hyp, IReadOnlyList<string> refs) => Result(metric.SentenceScore(hyp, refs));

        public override SegmentStatistics Statistics(IReadOnlyList<string> hyps, IReadOnlyList<IReadOnlyList<string?>> refs) => metric.CorpusStatistics(hyps, refs);

        private static MetricResult Result(TerScore s) => new("TER", s.Score, s.Signature, null);
    }
}
