using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>
/// Writes a valid experiment archive with many metric points straight to a zip (no database, no export), so tests and
/// the import benchmark can make millions of points in seconds. Points are deterministic: two curves per run.
/// Part of Regurgitate.Testing, which the test projects and the benchmarks reference.
/// </summary>
public static class SyntheticArchive
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="runs"/> runs of <paramref name="pointsPerRun"/> points each to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, string experimentName, int runs, int pointsPerRun)
    {
        var start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var entries = new List<ArchiveEntry>();
        var manifestRuns = new List<ArchiveRun>();
        await using (var file = File.Create(path))
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            for (var r = 1; r <= runs; r++)
            {
                var config = JsonSerializer.Serialize(new RunConfig { TrainSize = 1000, Seed = r }, RunStore.JsonOptions);
                entries.Add(await WriteEntryAsync(zip, $"runs/{r}/config.json", stream => stream.WriteAsync(Utf8.GetBytes(config)).AsTask()));
                entries.Add(await WriteEntryAsync(zip, $"runs/{r}/metrics.csv", async stream =>
                {
                    await using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
                    await writer.WriteLineAsync(ArchiveFormat.MetricsHeader);
                    for (var p = 0; p < pointsPerRun; p++)
                    {
                        var value = Math.Exp(-p / 10_000.0) * r;
                        var line = string.Create(CultureInfo.InvariantCulture, $"{p / 2 + 1},{(p % 2 == 0 ? "train/loss" : "train/lr")},{value:R},{start.AddMilliseconds(p * 250.0):O}");
                        await writer.WriteLineAsync(line);
                    }
                }));
                manifestRuns.Add(new ArchiveRun
                {
                    Index = r,
                    OriginalId = r,
                    ConfigJson = config,
                    CorpusId = "multi30k",
                    Role = RunRole.Single,
                    TrainSize = 1000,
                    Seed = r,
                    MaxSteps = pointsPerRun / 2,
                    LastStep = pointsPerRun / 2,
                    Status = RunStatus.Completed,
                    CreatedAt = start,
                    MetricPoints = pointsPerRun,
                });
            }

            var manifest = new ArchiveManifest
            {
                FormatVersion = ArchiveFormat.Version,
                ToolVersion = "synthetic",
                CreatedAt = start,
                ExperimentName = experimentName,
                ExperimentCreatedAt = start,
                Status = ExperimentStatus.Finished,
                Runs = manifestRuns,
                Entries = entries,
            };
            await WriteEntryAsync(zip, ArchiveFormat.ManifestEntry, stream => stream.WriteAsync(Utf8.GetBytes(JsonSerializer.Serialize(manifest, ArchiveFormat.Json))).AsTask());
        }
    }

    private static async Task<ArchiveEntry> WriteEntryAsync(ZipArchive zip, string name, Func<Stream, Task> write)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync();
        await using var hashing = new HashingStream(entry);
        await write(hashing);
        return new ArchiveEntry(name, hashing.BytesWritten, hashing.HexDigest());
    }
}
