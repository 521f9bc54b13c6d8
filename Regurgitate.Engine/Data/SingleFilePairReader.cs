using System.Runtime.CompilerServices;

namespace Regurgitate.Engine.Data;

/// <summary>
/// The loop shared by the one-file formats (TSV, JSON Lines): strict UTF-8 lines, progress, content checks, report
/// bookkeeping and the empty-file error. A blank line is an empty pair, governed by the empty-line policy rather than
/// a format error; every other line goes to the format's <c>parse</c>, which throws a
/// <see cref="CorpusFormatException"/> for a malformed line.
/// </summary>
internal static class SingleFilePairReader
{
    private const int ProgressEvery = 4096;

    public static async IAsyncEnumerable<SentencePair> ReadAsync(
        string path,
        Func<string, long, (string Source, string Target)> parse,
        CorpusReadOptions options,
        CorpusReadReport report,
        IProgress<CorpusReadProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        report.AddFile(path);
        await using var reader = Utf8LineReader.Open(path, options.MaxLineBytes);
        long lines = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                lines++;
                if (lines % ProgressEvery == 0)
                {
                    progress?.Report(new CorpusReadProgress(path, lines, reader.Fraction));
                }

                var (source, target) = string.IsNullOrWhiteSpace(reader.Current)
                    ? (string.Empty, string.Empty)
                    : parse(reader.Current, reader.LineNumber);
                if (PairChecks.Accept(source, target, path, path, reader.LineNumber, options, report))
                {
                    yield return new SentencePair(source, target);
                }
            }
        }
        finally
        {
            report.LoneCarriageReturns += reader.LoneCarriageReturns;
            report.ByteOrderMarksStripped += reader.ByteOrderMarkStripped ? 1 : 0;
        }

        if (lines == 0)
        {
            throw new CorpusFormatException(path, null, "the file is empty");
        }

        progress?.Report(new CorpusReadProgress(path, lines, 1.0));
    }
}
