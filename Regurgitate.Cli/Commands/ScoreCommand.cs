using System.CommandLine;
using Regurgitate.Cli.Scoring;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate score REF [REF…] -i HYP [HYP…]</c>: sacreBLEU 2.x's file-scoring command line (option names,
/// defaults, output formats), over the engine's sacreBLEU-exact metrics and paired significance tests.
/// </summary>
public static class ScoreCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var refs = new Argument<string[]>("refs") { Description = "Reference file(s), one segment per line; give them before -i.", Arity = ArgumentArity.OneOrMore };
        var input = new Option<string[]>("--input", "-i") { Description = "Hypothesis file(s); with several, the first is the baseline of paired tests.", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var metrics = new Option<string[]>("--metrics", "-m") { Description = "Metrics: bleu, chrf, ter (default: bleu).", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore, DefaultValueFactory = _ => ["bleu"] };
        metrics.AcceptOnlyFromAmong("bleu", "chrf", "ter");
        var tokenize = new Option<string>("--tokenize", "-tok") { Description = "BLEU tokenizer (default: 13a).", DefaultValueFactory = _ => "13a" };
        tokenize.AcceptOnlyFromAmong("13a", "intl", "char", "none");
        var lowercase = new Option<bool>("--lowercase", "-lc") { Description = "Case-insensitive BLEU." };
        var smoothMethod = new Option<string>("--smooth-method", "-s") { Description = "BLEU smoothing (default: exp).", DefaultValueFactory = _ => "exp" };
        smoothMethod.AcceptOnlyFromAmong("exp", "floor", "add-k", "none");
        var smoothValue = new Option<double?>("--smooth-value", "-sv") { Description = "Value for floor (0.1) or add-k (1) smoothing." };
        var charOrder = new Option<int>("--chrf-char-order", "-cc") { Description = "chrF character n-gram order (default: 6).", DefaultValueFactory = _ => 6 };
        var wordOrder = new Option<int>("--chrf-word-order", "-cw") { Description = "chrF word n-gram order (default: 0; 2 is chrF++).", DefaultValueFactory = _ => 0 };
        var beta = new Option<int>("--chrf-beta") { Description = "chrF recall weight (default: 2).", DefaultValueFactory = _ => 2 };
        var chrfWhitespace = new Option<bool>("--chrf-whitespace") { Description = "Keep whitespace in chrF character n-grams." };
        var chrfLowercase = new Option<bool>("--chrf-lowercase") { Description = "Case-insensitive chrF." };
        var chrfEps = new Option<bool>("--chrf-eps-smoothing") { Description = "chrF++.py-style epsilon smoothing." };
        var terCase = new Option<bool>("--ter-case-sensitive") { Description = "Case-sensitive TER." };
        var terNoPunct = new Option<bool>("--ter-no-punct") { Description = "Remove punctuation for TER." };
        var terNormalized = new Option<bool>("--ter-normalized") { Description = "Tercom's normalization for TER." };
        var sentence = new Option<bool>("--sentence-level", "-sl") { Description = "Score each segment (one metric, one system)." };
        var format = new Option<string>("--format", "-f") { Description = "Output format (default: json).", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text");
        var pairedBs = new Option<bool>("--paired-bs", "-pbs") { Description = "Paired bootstrap resampling against the first system." };
        var pairedAr = new Option<bool>("--paired-ar", "-par") { Description = "Paired approximate randomization against the first system." };
        var pairedBsN = new Option<int>("--paired-bs-n", "-pbsn") { Description = "Bootstrap resamples (default: 1000).", DefaultValueFactory = _ => PairedSignificance.DefaultBootstrapResamples };
        var pairedArN = new Option<int>("--paired-ar-n", "-part") { Description = "Approximate randomization trials (default: 10000).", DefaultValueFactory = _ => PairedSignificance.DefaultRandomizationTrials };
        var width = new Option<int>("--width", "-w") { Description = "Decimals of printed scores (default: 1).", DefaultValueFactory = _ => 1 };
        var scoreOnly = new Option<bool>("--score-only", "-b") { Description = "Print only the score." };

        var command = new Command("score", "Score hypothesis files against reference files like sacreBLEU (BLEU, chrF, TER; paired significance tests).");
        foreach (var option in new Option[]
        {
            input, metrics, tokenize, lowercase, smoothMethod, smoothValue, charOrder, wordOrder, beta, chrfWhitespace, chrfLowercase, chrfEps,
            terCase, terNoPunct, terNormalized, sentence, format, pairedBs, pairedAr, pairedBsN, pairedArN, width, scoreOnly,
        })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(refs);
        command.SetAction(parse =>
        {
            var request = new ScoreRequest
            {
                References = parse.GetValue(refs)!,
                Hypotheses = parse.GetValue(input)!,
                Metrics = parse.GetValue(metrics)!,
                Tokenize = parse.GetValue(tokenize)!,
                Lowercase = parse.GetValue(lowercase),
                SmoothMethod = parse.GetValue(smoothMethod)!,
                SmoothValue = parse.GetValue(smoothValue),
                ChrFCharOrder = parse.GetValue(charOrder),
                ChrFWordOrder = parse.GetValue(wordOrder),
                ChrFBeta = parse.GetValue(beta),
                ChrFWhitespace = parse.GetValue(chrfWhitespace),
                ChrFLowercase = parse.GetValue(chrfLowercase),
                ChrFEpsSmoothing = parse.GetValue(chrfEps),
                TerCaseSensitive = parse.GetValue(terCase),
                TerNoPunct = parse.GetValue(terNoPunct),
                TerNormalized = parse.GetValue(terNormalized),
                SentenceLevel = parse.GetValue(sentence),
                Json = parse.GetValue(format) == "json",
                PairedBootstrap = parse.GetValue(pairedBs),
                PairedRandomization = parse.GetValue(pairedAr),
                PairedBootstrapResamples = parse.GetValue(pairedBsN),
                PairedRandomizationTrials = parse.GetValue(pairedArN),
                Width = parse.GetValue(width),
                ScoreOnly = parse.GetValue(scoreOnly),
                Seed = Environment.GetEnvironmentVariable("SACREBLEU_SEED"),
            };
            return ScoreRunner.Run(request, output, error);
        });
        return command;
    }
}
