using System.IO.Compression;
using System.Text;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>Builders of hostile inputs (uploads, compressed files, specs) and the assertions every refusal must pass.</summary>
internal static class HostileInputs
{
    public static void AssertNames(Exception error, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.True(error.Message.Contains(part, StringComparison.Ordinal), $"'{part}' is missing from: {error.Message}");
        }

        Assert.DoesNotContain(".staging-", error.Message, StringComparison.Ordinal);
    }

    public static void AssertField(ExperimentSpecException error, string field)
    {
        Assert.True(error.Errors.Any(e => e.Field == field), $"no error for '{field}' in: {error.Message}");
        AssertNames(error, "hostile.json", field + ": ");
    }

    public static DatasetImportRequest Request(string name) => new() { Name = name };

    public static ImportUpload Upload(string name, byte[] bytes) => new(name, new MemoryStream(bytes));

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(data);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] GzipRepeated(byte[] unit, long totalBytes)
    {
        var block = new byte[unit.Length * 8192];
        for (var i = 0; i < 8192; i++)
        {
            unit.CopyTo(block, i * unit.Length);
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            for (long written = 0; written < totalBytes; written += block.Length)
            {
                gzip.Write(block);
            }
        }

        return buffer.ToArray();
    }

    public static ExperimentSpec ValidSpec => new()
    {
        Name = "hostile",
        CorpusId = "multi30k",
        DevSize = 8,
        TestSize = 12,
        Sizes = [40],
        RealFractions = [1.0],
        Seeds = [1],
        Model = ModelConfig.Tiny with { VocabSize = 300, MaxPositions = 64 },
        Training = new TrainingConfig { Epochs = 1, MaxSteps = 10, EvaluateEvery = 10, TokensPerBatch = 512, WarmupSteps = 4, MaxTokensPerSentence = 40, Threads = 2 },
    };

    public static string ValidSpecJson() => ExperimentSpecJson.Serialize(ValidSpec);
}
