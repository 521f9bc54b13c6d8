using System.IO.Compression;
using System.Text;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Tests.Experiments;

public sealed class TrainingPairsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regurgitate-pairs-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly TrainingExample[] Examples =
    [
        TrainingExample.Real(new SentencePair("Ein Hund läuft über die Wiese.", "A dog runs across the meadow.")),
        new(new SentencePair("Zwei Männer \"spielen\" Fußball.", "Two men play \\ soccer."), "local/low-ab12", "Two men \"play\" football."),
        new(new SentencePair("Leer.", ""), "wmt22/GPT-4", "Empty."),
    ];

    [Fact]
    public async Task Pairs_round_trip_with_their_provenance_as_gzipped_json_lines()
    {
        TrainingPairs.Write(directory, Examples);

        Assert.Equal(Examples, await TrainingPairs.ReadAsync(directory, CancellationToken.None));
        var path = Path.Combine(directory, TrainingPairs.FileName);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync()).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Equal("""{"source":"Ein Hund läuft über die Wiese.","target":"A dog runs across the meadow.","reference":"A dog runs across the meadow.","origin":"real"}""", lines[0]);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void The_same_pairs_give_the_same_bytes()
    {
        TrainingPairs.Write(directory, Examples);
        var first = File.ReadAllBytes(Path.Combine(directory, TrainingPairs.FileName));
        TrainingPairs.Write(directory, Examples);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(directory, TrainingPairs.FileName)));
    }

    [Fact]
    public async Task A_run_without_recorded_pairs_reads_as_null()
    {
        Assert.Null(await TrainingPairs.ReadAsync(directory, CancellationToken.None));
    }

    [Fact]
    public async Task A_damaged_line_is_named_by_file_line_and_field()
    {
        var path = Path.Combine(directory, TrainingPairs.FileName);
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("""{"source":"a","target":"b","reference":"c","origin":"real"}""" + "\n" + """{"source":"a","target":"b","origin":"real"}""" + "\n"));
        }

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => TrainingPairs.ReadAsync(directory, CancellationToken.None));
        Assert.Contains(TrainingPairs.FileName, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("'reference'", error.Message, StringComparison.Ordinal);

        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write("not json\n"u8);
        }

        Assert.Equal(1, (await Assert.ThrowsAsync<CorpusFormatException>(() => TrainingPairs.ReadAsync(directory, CancellationToken.None))).LineNumber);
    }
}
