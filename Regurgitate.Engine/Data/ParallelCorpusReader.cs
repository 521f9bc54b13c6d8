using System.Runtime.CompilerServices;

namespace Regurgitate.Engine.Data;

/// <summary>
/// Streams validated <see cref="SentencePair"/>s from aligned corpus files: a plain pair (<c>X.de</c> + <c>X.en</c>,
/// each optionally gzip'd) or a TSV file (<c>source&lt;TAB&gt;target</c>). Every format problem surfaces as a
/// <see cref="CorpusFormatException"/> naming file and line; content problems follow <see cref="CorpusReadOptions"/>.
/// </summary>
public static class ParallelCorpusReader
{
    private const int ProgressEvery = 4096;

    /// <param name="sourcePath">German side.</param>
    /// <param name="targetPath">English side, aligned line by line with <paramref name="sourcePath"/>.</param>
    /// <param name="report">Filled in while enumerating; complete once enumeration ends.</param>
    public static async IAsyncEnumerable<SentencePair> ReadPairsAsync(
        string sourcePath,
        string targetPath,
        CorpusReadOptions? options = null,
        CorpusReadReport? report = null,
        IProgress<CorpusReadProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (pair, _) in ReadNumberedPairsAsync(sourcePath, targetPath, options, report, progress, cancellationToken).ConfigureAwait(false))
        {
            yield return pair;
        }
    }

    /// <summary>
    /// As <see cref="ReadPairsAsync"/>, with each pair's 1-based line number, so that files aligned with the pair
    /// (document ids, a second reference) can be joined to the pairs the checks accepted.
    /// </summary>
    internal static async IAsyncEnumerable<(SentencePair Pair, long Line)> ReadNumberedPairsAsync(
        string sourcePath,
        string targetPath,
        CorpusReadOptions? options,
        CorpusReadReport? report,
        IProgress<CorpusReadProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= CorpusReadOptions.Default;
        report ??= new CorpusReadReport();
        report.AddFile(sourcePath);
        report.AddFile(targetPath);

        await using var source = Utf8LineReader.Open(sourcePath, options.MaxLineBytes);
        await using var target = Utf8LineReader.Open(targetPath, options.MaxLineBytes);
        long pairs = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var hasSource = await source.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                var hasTarget = await target.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (!hasSource && !hasTarget)
                {
                    break;
                }

                if (hasSource != hasTarget)
                {
                    throw await LineCountMismatchAsync(hasSource ? source : target, hasSource ? target : source, cancellationToken).ConfigureAwait(false);
                }

                pairs++;
                if (pairs % ProgressEvery == 0)
                {
                    progress?.Report(new CorpusReadProgress(sourcePath, pairs, source.Fraction));
                }

                if (PairChecks.Accept(source.Current, target.Current, sourcePath, targetPath, source.LineNumber, options, report))
                {
                    yield return (new SentencePair(source.Current, target.Current), source.LineNumber);
                }
            }
        }
        finally
        {
            report.LoneCarriageReturns += source.LoneCarriageReturns + target.LoneCarriageReturns;
            report.ByteOrderMarksStripped += (source.ByteOrderMarkStripped ? 1 : 0) + (target.ByteOrderMarkStripped ? 1 : 0);
        }

        if (pairs == 0)
        {
            throw new CorpusFormatException(sourcePath, null, $"the file is empty (and so is '{targetPath}')");
        }

        progress?.Report(new CorpusReadProgress(sourcePath, pairs, 1.0));
    }

    /// <summary>Streams a TSV file: exactly one tab per line, German before it, English after it.</summary>
    public static IAsyncEnumerable<SentencePair> ReadTsvAsync(
        string path,
        CorpusReadOptions? options = null,
        CorpusReadReport? report = null,
        IProgress<CorpusReadProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        SingleFilePairReader.ReadAsync(path, (line, number) => ParseTsvLine(line, path, number), options ?? CorpusReadOptions.Default, report ?? new CorpusReadReport(), progress, cancellationToken);

    private static (string Source, string Target) ParseTsvLine(string line, string path, long lineNumber)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        var tabs = tab < 0 ? 0 : line.AsSpan().Count('\t');
        if (tabs != 1)
        {
            throw new CorpusFormatException(path, lineNumber, $"expected exactly one tab (source<TAB>target), found {tabs}");
        }

        return (line[..tab], line[(tab + 1)..]);
    }

    /// <summary>Reads a plain pair completely into memory.</summary>
    public static async Task<LoadedCorpus> LoadPairsAsync(
        string sourcePath,
        string targetPath,
        CorpusReadOptions? options = null,
        IProgress<CorpusReadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var report = new CorpusReadReport();
        var pairs = new List<SentencePair>();
        await foreach (var pair in ReadPairsAsync(sourcePath, targetPath, options, report, progress, cancellationToken).ConfigureAwait(false))
        {
            pairs.Add(pair);
        }

        return new LoadedCorpus(pairs, report);
    }

    /// <summary>Reads a TSV file completely into memory.</summary>
    public static async Task<LoadedCorpus> LoadTsvAsync(
        string path,
        CorpusReadOptions? options = null,
        IProgress<CorpusReadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var report = new CorpusReadReport();
        var pairs = new List<SentencePair>();
        await foreach (var pair in ReadTsvAsync(path, options, report, progress, cancellationToken).ConfigureAwait(false))
        {
            pairs.Add(pair);
        }

        return new LoadedCorpus(pairs, report);
    }

    private static async Task<CorpusFormatException> LineCountMismatchAsync(Utf8LineReader longer, Utf8LineReader shorter, CancellationToken cancellationToken)
    {
        // Count the rest so that the message can give both totals, which tells an off-by-one from a wrong file.
        var firstUnmatched = longer.LineNumber;
        while (await longer.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        var problem = $"line counts differ: '{shorter.Path}' has {shorter.LineNumber} lines but '{longer.Path}' has {longer.LineNumber} lines "
            + $"(first unmatched line: {firstUnmatched} of '{longer.Path}')";
        var loneCr = shorter.LoneCarriageReturns + longer.LoneCarriageReturns;
        if (loneCr > 0)
        {
            problem += $"; {loneCr} lone CR characters were read as line breaks, which splits a segment if a CR sits inside it";
        }

        return new CorpusFormatException(shorter.Path, firstUnmatched, problem);
    }
}
