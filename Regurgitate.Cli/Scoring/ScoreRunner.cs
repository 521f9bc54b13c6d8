using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Cli.Scoring;

/// <summary>Runs a <see cref="ScoreRequest"/>: reads and checks the files, scores, writes sacreBLEU-style output.</summary>
public static class ScoreRunner
{
    public const int ExitOk = 0;
    public const int ExitError = 1;

    public static int Run(ScoreRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return RunChecked(request, output, error);
        }
        catch (Exception e) when (e is CorpusFormatException or FileNotFoundException or DirectoryNotFoundException or UsageException
            or ArgumentException or FormatException or UnauthorizedAccessException)
        {
            error.WriteLine($"regurgitate score: error: {e.Message}");
            return ExitError;
        }
    }

    private static int RunChecked(ScoreRequest request, TextWriter output, TextWriter error)
    {
        var paired = request.PairedBootstrap || request.PairedRandomization;
        if (request.PairedBootstrap && request.PairedRandomization)
        {
            throw new UsageException("--paired-bs and --paired-ar exclude each other.");
        }

        var metricNames = request.Metrics.Select(m => m.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (request.SentenceLevel && metricNames.Count > 1)
        {
            throw new UsageException("only one metric can be used in sentence-level mode.");
        }

        if (request.Width < 0)
        {
            throw new UsageException("--width must not be negative.");
        }

        var refs = request.References.Select(Read).ToList();
        var segments = refs[0].Count;
        for (var i = 1; i < refs.Count; i++)
        {
            CheckLength(request.References[i], refs[i].Count, request.References[0], segments);
        }

        var names = new List<string>();
        var systems = new List<IReadOnlyList<string>>();
        foreach (var path in request.Hypotheses)
        {
            if (names.Contains(path))
            {
                if (paired && path == names[0])
                {
                    error.WriteLine($"regurgitate score: ignoring '{path}' as it was also given as the baseline.");
                    continue;
                }

                throw new UsageException($"'{path}' is given twice as a system.");
            }

            var lines = Read(path);
            CheckLength(path, lines.Count, request.References[0], segments);
            names.Add(path);
            systems.Add(lines);
        }

        if (request.SentenceLevel && (systems.Count > 1 || paired))
        {
            throw new UsageException("sentence-level mode takes one system and no statistical test.");
        }

        if (paired && systems.Count < 2)
        {
            throw new UsageException("paired tests need several systems given to --input (-i); the first is the baseline.");
        }

        if (segments == 0)
        {
            throw new UsageException($"'{request.References[0]}' has no segment.");
        }

        IReadOnlyList<IReadOnlyList<string?>> refStreams = refs;
        var metrics = metricNames.Select(n => CliMetric.Create(n, request)).ToList();

        if (request.SentenceLevel)
        {
            var metric = metrics[0];
            for (var i = 0; i < segments; i++)
            {
                var result = metric.Sentence(systems[0][i], refs.Select(r => r[i]).ToList());
                output.WriteLine(ScoreFormatter.Line(result, request.Width, request.ScoreOnly));
            }

            return ExitOk;
        }

        if (systems.Count == 1)
        {
            var results = metrics.Select(m => m.Corpus(systems[0], refStreams)).ToList();
            output.WriteLine(ScoreFormatter.Single(results, request.Width, request.Json, request.ScoreOnly));
            return ExitOk;
        }

        if (!paired)
        {
            var rows = systems.Select(s => (IReadOnlyList<MetricResult>)metrics.Select(m => m.Corpus(s, refStreams)).ToList()).ToList();
            output.Write(ScoreFormatter.MultiSystem(names, rows, request.Width, request.Json));
            return ExitOk;
        }

        var pairedSystems = systems
            .Select((s, i) => new PairedSystem(i == 0 ? $"Baseline: {names[0]}" : names[i], metrics.Select(m => m.Statistics(s, refStreams)).ToList()))
            .ToList();
        var seed = PairedSignificance.SeedFromEnvironment(request.Seed);
        var report = request.PairedBootstrap
            ? PairedSignificance.PairedBootstrap(pairedSystems, request.PairedBootstrapResamples, seed)
            : PairedSignificance.ApproximateRandomization(pairedSystems, request.PairedRandomizationTrials, seed);
        output.Write(request.Json ? ScoreFormatter.PairedJson(report, request.Width) : ScoreFormatter.PairedText(report, request.Width));
        return ExitOk;
    }

    // sacreBLEU reads with Python's "utf-8" codec, which keeps a byte-order mark as U+FEFF in the first segment (so it
    // is part of the first token), and strips trailing whitespace from every line.
    private static List<string> Read(string path) =>
        TextLines.ReadAllAsync(path, keepByteOrderMark: true).GetAwaiter().GetResult().Select(SacreBleuText.RStrip).ToList();

    private static void CheckLength(string path, int lines, string referencePath, int referenceLines)
    {
        if (lines != referenceLines)
        {
            var (shorter, shorterLines) = lines < referenceLines ? (path, lines) : (referencePath, referenceLines);
            throw new CorpusFormatException(
                shorter,
                shorterLines + 1,
                $"'{path}' has {lines} lines but '{referencePath}' has {referenceLines}; every file needs one line per segment");
        }
    }

    private sealed class UsageException(string message) : Exception(message);
}
