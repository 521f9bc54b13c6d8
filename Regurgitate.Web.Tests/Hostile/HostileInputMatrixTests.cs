using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Tests.Generation.Llm;
using Regurgitate.Web.Tests.Datasets;
using Regurgitate.Workbench;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Hostile;

/// <summary>
/// Issue 8: one table of hostile inputs, each driven through the entry point the product uses (the dataset importer
/// over a migrated SQLite database, spec parsing + <see cref="IExperimentService.CreateAsync"/>, the synthetic-set
/// builder over imported system outputs and over the LLM generator against a fake chat server). Every refused input
/// must say what is wrong (file and line, field path, or failure kind), and leave every table and the datasets folder
/// exactly as they were. The two accepted-by-design inputs (UTF-8 BOM, CRLF) and sanitised upload names assert
/// acceptance instead.
/// </summary>
public sealed class HostileInputMatrixTests
{
    /// <summary>What a case expects of the database and datasets folder afterwards.</summary>
    public enum Expect
    {
        /// <summary>Refused: every table and every file under the datasets folder is unchanged.</summary>
        Unchanged,

        /// <summary>Accepted by design: one dataset is added, nothing is written outside its folder.</summary>
        OneDatasetAdded,
    }

    private sealed record HostileCase(string Name, Expect Expect, Func<Bench, Task> Act, Func<Bench, Task>? Seed = null, long MaxImportBytes = 8L << 20);

    private static readonly HostileCase[] All =
    [
        // ---- Corpus files through the dataset importer (uploads) ----
        new("corpus: invalid UTF-8 on line 2", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", [.. "Ja.\tYes.\nGr"u8, 0xC3, 0x28, .. "n.\tGreen.\n"u8]));
            AssertNames(error, "'pairs.tsv', line 2", "invalid UTF-8");
        }),
        new("corpus: UTF-16 LE with byte-order mark", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Ja.\tYes.\n")]));
            AssertNames(error, "'pairs.tsv', line 1", "UTF-16 LE", "must be UTF-8");
        }),
        new("corpus: UTF-16 without byte-order mark", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", Encoding.Unicode.GetBytes("Ja.\tYes.\n")));
            AssertNames(error, "'pairs.tsv', line 1", "UTF-16");
        }),
        new("corpus: UTF-8 byte-order mark is accepted and stripped", Expect.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("bom"), [Upload("x.de", [0xEF, 0xBB, 0xBF, .. "Hallo.\n"u8]), Upload("x.en", [0xEF, 0xBB, 0xBF, .. "Hello.\n"u8])], CancellationToken.None);
            Assert.Equal(1, result.Dataset.Pairs);
            Assert.Equal("Hallo.\n"u8.ToArray(), await File.ReadAllBytesAsync(b.ImportedFile("bom", ImportedDatasetInfo.SourceFile)));
            Assert.Equal("Hello.\n"u8.ToArray(), await File.ReadAllBytesAsync(b.ImportedFile("bom", ImportedDatasetInfo.TargetFile)));
        }),
        new("corpus: plain pair with mismatched line counts", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("x.de", "Eins.\nZwei.\nDrei.\n"u8.ToArray()), ("x.en", "One.\nTwo.\n"u8.ToArray()));
            AssertNames(error, "'x.en' has 2 lines but 'x.de' has 3 lines", "line 3");
        }),
        new("corpus: empty file", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("empty.tsv", []));
            AssertNames(error, "'empty.tsv'", "the file is empty");
        }),
        new("corpus: binary file with NUL bytes", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("blob.tsv", [.. "Ja.\tYes.\n"u8, 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0A]));
            AssertNames(error, "'blob.tsv', line 2", "NUL byte");
        }),
        new("corpus: one 5 MB line", Expect.Unchanged, async b =>
        {
            var line = new byte[5 << 20];
            Array.Fill(line, (byte)'a');
            line[100] = (byte)'\t';
            var error = await b.RefusedUploadAsync(("huge.tsv", [.. line, (byte)'\n']));
            AssertNames(error, "'huge.tsv', line 1", "longer than 1048576 bytes");
        }),
        new("corpus: CRLF line endings are accepted and normalised", Expect.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("crlf"), [Upload("pairs.tsv", "Ja.\tYes.\r\nNein.\tNo.\r\n"u8.ToArray())], CancellationToken.None);
            Assert.Equal(2, result.Dataset.Pairs);
            Assert.Equal("Ja.\nNein.\n", await File.ReadAllTextAsync(b.ImportedFile("crlf", ImportedDatasetInfo.SourceFile)));
            Assert.Equal("Yes.\nNo.\n", await File.ReadAllTextAsync(b.ImportedFile("crlf", ImportedDatasetInfo.TargetFile)));
        }),
        new("corpus: truncated gzip", Expect.Unchanged, async b =>
        {
            var whole = Gzip(string.Concat(Enumerable.Range(0, 2000).Select(i => $"Satz {i}.\tSentence {i}.\n")));
            var error = await b.RefusedUploadAsync(("pairs.tsv.gz", whole[..(whole.Length / 2)]));
            AssertNames(error, "'pairs.tsv.gz', line ", "gzip");
        }),
        new("corpus: TSV line with two tabs", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", "Ja.\tYes.\nNein.\tNo.\tNada.\n"u8.ToArray()));
            AssertNames(error, "'pairs.tsv', line 2", "expected exactly one tab", "found 2");
        }),
        new("corpus: JSONL with a non-string field", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("hf.jsonl", """
                {"translation": {"de": "Ja.", "en": "Yes."}}
                {"translation": {"de": "Zwei.", "en": 2}}

                """u8.ToArray()));
            AssertNames(error, "'hf.jsonl', line 2", "'en' must be a string");
        }),
        new("corpus: empty target side on one line", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("x.de", "Eins.\nZwei.\n"u8.ToArray()), ("x.en", "One.\n \n"u8.ToArray()));
            AssertNames(error, "'x.en', line 2", "empty line on the target (English) side");
        }),

        // ---- Uploads and paths ----
        new("upload: over the size limit", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("big.tsv", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Ja.\tYes.\n", 1000)))));
            AssertNames(error, "'big.tsv'", "larger than the import limit of 4 kB", nameof(DatasetCatalogOptions.MaxImportBytes));
        }, MaxImportBytes: 4096),
        new("upload: gzip bomb (tiny file, huge text)", Expect.Unchanged, async b =>
        {
            var bomb = GzipRepeated("Ja.\tYes.\n"u8.ToArray(), 64 << 20);
            Assert.True(bomb.Length < 1 << 20, $"bomb is {bomb.Length} bytes");
            var error = await b.RefusedUploadAsync(("bomb.tsv.gz", bomb));
            AssertNames(error, "grows beyond 1 MB", nameof(DatasetCatalogOptions.MaxImportedTextBytes), "stopped");
        }),
        new("upload: name with ../ is reduced to its file name", Expect.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("../../../escape"), [Upload("../../../../tmp/evil.tsv", "Ja.\tYes.\n"u8.ToArray())], CancellationToken.None);
            Assert.Equal("imported/escape", result.Dataset.Id);
            Assert.True(File.Exists(b.ImportedFile("escape", ImportedDatasetInfo.SourceFile)));
        }),
        new("upload: absolute name is reduced to its file name", Expect.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("/etc/cron.d"), [Upload("/etc/cron.d/evil.tsv", "Ja.\tYes.\n"u8.ToArray())], CancellationToken.None);
            Assert.Equal("imported/etc-cron.d", result.Dataset.Id);
            Assert.Contains("\"evil.tsv\"", await File.ReadAllTextAsync(b.ImportedFile("etc-cron.d", ImportedDatasetInfo.FileName)), StringComparison.Ordinal);
        }),
        new("path: data-directory import with ../", Expect.Unchanged, async b =>
        {
            var error = await Assert.ThrowsAsync<DatasetImportException>(() => b.Importer.ImportFromDataDirectoryAsync(Request("escape"), ["mine/../../outside.tsv"], CancellationToken.None));
            AssertNames(error, "'mine/../../outside.tsv'", "not inside the data directory");
        }),
        new("path: data-directory import with an absolute path", Expect.Unchanged, async b =>
        {
            var error = await Assert.ThrowsAsync<DatasetImportException>(() => b.Importer.ImportFromDataDirectoryAsync(Request("passwd"), ["/etc/passwd"], CancellationToken.None));
            AssertNames(error, "'/etc/passwd'", "not inside the data directory");
        }),
        new("upload: a dataset name that exists already", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("b.tsv", "Nein.\tNo.\n"u8.ToArray()), name: "Once");
            AssertNames(error, "'imported/once' already exists");
        }, Seed: b => b.Importer.ImportUploadAsync(Request("once"), [Upload("a.tsv", "Ja.\tYes.\n"u8.ToArray())], CancellationToken.None)),

        // ---- Experiment specs: parsed as the CLI and the JSON editor do, then created through the service ----
        new("spec: unknown field", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["learningRate"] = 0.1);
            AssertNames(error, "hostile.json", "learningRate");
        }),
        new("spec: malformed JSON", Expect.Unchanged, async b =>
        {
            var json = ValidSpecJson();
            var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => b.CreateSpecAsync(json[..(json.Length / 2)]));
            AssertNames(error, "hostile.json", "Not a valid experiment spec at line ");
        }),
        new("spec: training size out of range", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["sizes"] = new JsonArray(40, 8));
            AssertField(error, "sizes[1]");
        }),
        new("spec: dev size out of range", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["devSize"] = -5);
            AssertField(error, "devSize");
        }),
        new("spec: null where a list belongs", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["sizes"] = null);
            AssertNames(error, "hostile.json", "sizes");
        }),
        new("spec: null where a section belongs", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["model"] = null);
            AssertNames(error, "hostile.json", "model");
        }),
        new("spec: null entry in a list", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["syntheticSources"] = new JsonArray((JsonNode?)null));
            AssertField(error, "syntheticSources[0]");
        }),
        new("spec: real fraction above 1", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["realFractions"] = new JsonArray(1.0, 1.5));
            AssertField(error, "realFractions[1]");
        }),
        new("spec: synthetic fraction without synthetic sources", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["realFractions"] = new JsonArray(1.0, 0.5));
            AssertField(error, "syntheticSources");
        }),
        new("spec: unknown corpus", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["corpusId"] = "no-such-corpus");
            AssertField(error, "corpusId");
            AssertNames(error, "no-such-corpus");
        }),
        new("spec: all references for a test set with one", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["references"] = "all");
            AssertField(error, "references");
            AssertNames(error, "corpus 'multi30k' has one human reference");
        }),
        new("spec: unknown reference choice", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["references"] = "both");
            AssertNames(error, "hostile.json", "$.references");
        }),
        new("spec: duplicate experiment name", Expect.Unchanged, async b =>
        {
            // The spec itself is valid, so the refusal comes from the service, which knows no file name.
            var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => b.CreateSpecAsync(ValidSpecJson()));
            Assert.Equal("name", Assert.Single(error.Errors).Field);
            AssertNames(error, "name: An experiment named 'hostile' exists already");
        }, Seed: b => b.CreateSpecAsync(ValidSpecJson())),

        // ---- Imported system outputs through the synthetic-set builder ----
        new("system output: fewer lines than the source", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedImportedOutputsAsync("Eins\nZwei\nDrei\n", "One\nTwo\n"u8.ToArray());
            AssertNames(error, "sys.en", "has 2 lines", "src.de", "has 3 lines", "line 3");
        }),
        new("system output: invalid UTF-8", Expect.Unchanged, async b =>
        {
            var error = await b.RefusedImportedOutputsAsync("Eins\nZwei\n", [.. "One\nT"u8, 0xFF, .. "wo\n"u8]);
            AssertNames(error, "sys.en", "line 2", "invalid UTF-8");
        }),

        // ---- Experiment archives through the archive importer (the upload page and `regurgitate experiment import`) ----
        new("archive: more entries than the entry cap", Expect.Unchanged, async b =>
        {
            var entries = Enumerable.Range(1, ArchiveEntryCap + 1).Select(i => ($"figures/f{i}.csv", "a,b\n"u8.ToArray()));
            var error = await b.RefusedArchiveAsync(Zip(entries));
            AssertNames(error, "'hostile.zip'", $"{ArchiveEntryCap + 1:N0} entries", $"limit of {ArchiveEntryCap:N0}", "Regurgitate:Archives:MaxEntries", "nothing was imported");
        }),
        new("archive: entries expand beyond the uncompressed cap", Expect.Unchanged, async b =>
        {
            // Ordinary text (a ratio of ~2×, no zip bomb by ratio): only the total gives it away.
            var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i * 7919 % 100_003},")));
            var error = await b.RefusedArchiveAsync(Zip(Enumerable.Range(1, 4).Select(i => ($"figures/f{i}.csv", text))));
            AssertNames(error, "'hostile.zip'", $"limit of {ArchiveUncompressedCap:N0} bytes", "Regurgitate:Archives:MaxUncompressedBytes", "nothing was imported");
        }),

        // ---- LLM endpoint replies through the synthetic-set builder over the LLM generator ----
        new("llm: 429 on every attempt", Expect.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.RateLimited(1), LlmFailureKinds.RateLimited + ": HTTP 429", "after 2 attempts")),
        new("llm: HTTP 500", Expect.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.ServerError(500), LlmFailureKinds.ServerError + ": HTTP 500", "after 2 attempts")),
        new("llm: timeout", Expect.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.Hang(TimeSpan.FromSeconds(30)), LlmFailureKinds.Timeout, "after 2 attempts")),
        new("llm: truncated JSON reply", Expect.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.Malformed(), LlmFailureKinds.Malformed)),
        new("llm: content filter refusal", Expect.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.ContentFilterError(), LlmFailureKinds.ContentFilter + ": HTTP 400")),
        new("llm: HTML error page with status 200", Expect.Unchanged, b => b.LlmFailsAsync(_ => new FakeReply(200, "<html><body>Bad gateway</body></html>"), LlmFailureKinds.Malformed)),
        new("llm: reply without choices", Expect.Unchanged, b => b.LlmFailsAsync(_ => new FakeReply(200, """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}"""), LlmFailureKinds.Malformed)),
        new("llm: reply cut off at the token limit", Expect.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.Success("The sent", finishReason: "length"), LlmFailureKinds.Truncated)),
        new("llm: plain http endpoint to a remote host", Expect.Unchanged, b =>
        {
            var options = new LlmGeneratorOptions { Endpoint = new Uri("http://llm.example.com/v1"), Model = "gpt-test", ApiKey = "sk-hostile" };
            var error = Assert.Throws<OptionsValidationException>(() => new LlmGenerator(options, Path.Combine(b.DataDirectory, "llm")));
            AssertNames(error, "Regurgitate:Llm:Endpoint", "llm.example.com", "in clear");
            Assert.DoesNotContain("sk-hostile", error.Message, StringComparison.Ordinal);
            return Task.CompletedTask;
        }),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void The_matrix_has_at_least_twenty_distinct_cases()
    {
        Assert.True(All.Length >= 20, $"{All.Length} cases");
        Assert.Equal(All.Length, All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_input_is_refused_naming_the_problem_and_changes_nothing_unless_accepted_by_design(string name)
    {
        var hostile = All.Single(c => c.Name == name);
        await using var bench = await Bench.CreateAsync(hostile.MaxImportBytes);
        if (hostile.Seed is not null)
        {
            await hostile.Seed(bench);
        }

        var before = await bench.SnapshotAsync();
        await hostile.Act(bench);
        var after = await bench.SnapshotAsync();

        Assert.DoesNotContain(after.Files, f => f.Contains(".staging-", StringComparison.Ordinal));
        if (hostile.Expect == Expect.Unchanged)
        {
            Assert.Equal(before.Tables, after.Tables);
            Assert.Equal(before.Files, after.Files);
        }
        else
        {
            var changed = after.Tables.Keys.Where(t => before.Tables[t] != after.Tables[t]).ToList();
            Assert.Equal(["Datasets"], changed);
            Assert.Equal(before.Tables["Datasets"].Rows + 1, after.Tables["Datasets"].Rows);
            // The catalogue's cache file is rewritten when a dataset is catalogued; everything else new is the dataset's own folder.
            var added = after.Files.Except(before.Files).Where(f => f != CatalogCache).ToList();
            Assert.NotEmpty(added);
            var folder = Assert.Single(added.Select(f => string.Join('/', f.Split('/').Take(2))).Distinct());
            Assert.StartsWith("imported/", folder, StringComparison.Ordinal);
            Assert.Empty(before.Files.Except(after.Files));
        }
    }

    private const string CatalogCache = DatasetCatalogService.CacheFileName;

    /// <summary>The bench's archive limits: small, so hostile archives stay small; the checks are the same at any size.</summary>
    private const int ArchiveEntryCap = 200;
    private const long ArchiveUncompressedCap = 512 * 1024;

    private static void AssertNames(Exception error, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.True(error.Message.Contains(part, StringComparison.Ordinal), $"'{part}' is missing from: {error.Message}");
        }

        Assert.DoesNotContain(".staging-", error.Message, StringComparison.Ordinal);
    }

    private static void AssertField(ExperimentSpecException error, string field)
    {
        Assert.True(error.Errors.Any(e => e.Field == field), $"no error for '{field}' in: {error.Message}");
        AssertNames(error, "hostile.json", field + ": ");
    }

    private static DatasetImportRequest Request(string name) => new() { Name = name };

    private static ImportUpload Upload(string name, byte[] bytes) => new(name, new MemoryStream(bytes));

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries)
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

    private static byte[] GzipRepeated(byte[] unit, long totalBytes)
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

    private static ExperimentSpec ValidSpec => new()
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

    private static string ValidSpecJson() => ExperimentSpecJson.Serialize(ValidSpec);

    /// <summary>A migrated temp database, data and datasets folders, the importer, and the workbench's experiment service.</summary>
    private sealed class Bench : IAsyncDisposable
    {
        private readonly string _root;
        private readonly CatalogHarness _harness;
        private readonly IHost _host;

        private Bench(string root, CatalogHarness harness, IHost host)
        {
            _root = root;
            _harness = harness;
            _host = host;
        }

        public DatasetImporter Importer => _harness.Importer;

        public string DataDirectory => Path.Combine(_root, "data");

        public IExperimentService Experiments => _host.Services.GetRequiredService<IExperimentService>();

        private string RunsDirectory => Path.Combine(_root, "App_Data", "runs");

        public static async Task<Bench> CreateAsync(long maxImportBytes)
        {
            var root = Directory.CreateTempSubdirectory("regurgitate-hostile-").FullName;
            Directory.CreateDirectory(Path.Combine(root, "data"));
            var harness = await CatalogHarness.CreateAsync(
                Path.Combine(root, "data"),
                new DatasetCatalogOptions { MaxImportBytes = maxImportBytes, MaxImportedTextBytes = 1 << 20 });
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Regurgitate"] = harness.Database.ConnectionString,
                ["Regurgitate:Data:DataDirectory"] = Path.Combine(root, "data"),
                ["Regurgitate:Data:DatasetsDirectory"] = harness.DatasetsDirectory,
                ["Regurgitate:Archives:MaxEntries"] = ArchiveEntryCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Regurgitate:Archives:MaxUncompressedBytes"] = ArchiveUncompressedCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            builder.Services.AddRegurgitateWorkbench(builder.Configuration, root);
            return new Bench(root, harness, builder.Build());
        }

        public string ImportedFile(string slug, string file) => Path.Combine(_harness.DatasetsDirectory, DatasetCatalogService.ImportedFolder, slug, file);

        public async Task<DatasetImportException> RefusedUploadAsync(params (string Name, byte[] Bytes)[] files) =>
            await RefusedUploadAsync(files, "hostile");

        public async Task<DatasetImportException> RefusedUploadAsync((string Name, byte[] Bytes) file, string name) =>
            await RefusedUploadAsync([file], name);

        private async Task<DatasetImportException> RefusedUploadAsync((string Name, byte[] Bytes)[] files, string name)
        {
            var error = await Assert.ThrowsAsync<DatasetImportException>(() =>
                Importer.ImportUploadAsync(Request(name), [.. files.Select(f => Upload(f.Name, f.Bytes))], CancellationToken.None));
            Assert.DoesNotContain(_root, error.Message, StringComparison.Ordinal);
            return error;
        }

        /// <summary>Imports the archive through the importer the upload page and the CLI use; the refusal must not reveal server paths.</summary>
        public async Task<ExperimentArchiveException> RefusedArchiveAsync(byte[] archive)
        {
            var importer = _host.Services.GetRequiredService<IExperimentArchiveImporter>();
            await using var upload = new MemoryStream(archive, writable: false);
            var error = await Assert.ThrowsAsync<ExperimentArchiveException>(() => importer.ImportAsync(upload, "hostile.zip", null, CancellationToken.None));
            Assert.DoesNotContain(_root, error.Message, StringComparison.Ordinal);
            return error;
        }

        /// <summary>Parses the JSON as the CLI and the spec editor do, then creates the experiment.</summary>
        public async Task CreateSpecAsync(string json) =>
            await Experiments.CreateAsync(ExperimentSpecJson.Parse(json, "hostile.json"), CancellationToken.None);

        public async Task<ExperimentSpecException> RefusedSpecAsync(Action<JsonObject> spoil)
        {
            var spec = JsonNode.Parse(ValidSpecJson())!.AsObject();
            spoil(spec);
            var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => CreateSpecAsync(spec.ToJsonString()));
            return error;
        }

        public async Task<CorpusFormatException> RefusedImportedOutputsAsync(string source, byte[] output)
        {
            var sourceFile = Path.Combine(DataDirectory, "src.de");
            var outputFile = Path.Combine(DataDirectory, "sys.en");
            await File.WriteAllTextAsync(sourceFile, source);
            await File.WriteAllBytesAsync(outputFile, output);
            var generator = new ImportedOutputsGenerator(new GeneratorDescriptor { Id = "test/sys", Name = "sys", Kind = GeneratorKind.Imported }, sourceFile, outputFile);
            var sources = source.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((text, i) => new SourceSegment(i, text)).ToList();
            return await Assert.ThrowsAsync<CorpusFormatException>(() => SyntheticSetBuilder.BuildAsync(generator, sources, null, CancellationToken.None));
        }

        /// <summary>The generation finishes, and the one segment is a failure of the given kind (never a translation).</summary>
        public async Task LlmFailsAsync(Func<FakeRequest, FakeReply> reply, string failurePrefix, string? detail = null)
        {
            await using var server = new FakeChatServer(reply);
            var options = new LlmGeneratorOptions
            {
                Endpoint = server.Root,
                Provider = LlmProvider.AzureOpenAI,
                Model = "gpt-test",
                ApiKey = "sk-hostile",
                MaxConcurrency = 1,
                MaxRetries = 1,
                RequestTimeout = TimeSpan.FromMilliseconds(failurePrefix == LlmFailureKinds.Timeout ? 300 : 5000),
                InitialRetryDelay = TimeSpan.FromMilliseconds(1),
                MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            };
            var work = Path.Combine(_root, "llm");
            var set = await SyntheticSetBuilder.BuildAsync(new LlmGenerator(options, work), [new SourceSegment(0, "Guten Morgen.")], null, CancellationToken.None);

            var target = Assert.Single(set.Targets);
            Assert.Null(target.Text);
            Assert.True(target.Failure?.StartsWith(failurePrefix, StringComparison.Ordinal), $"'{failurePrefix}' does not start: {target.Failure}");
            if (detail is not null)
            {
                Assert.Contains(detail, target.Failure, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("sk-hostile", target.Failure, StringComparison.Ordinal);
        }

        /// <summary>Row count and content hash of every table, and every file (relative, '/'-separated) under the datasets folder.</summary>
        public async Task<Snapshot> SnapshotAsync()
        {
            var tables = new SortedDictionary<string, TableState>(StringComparer.Ordinal);
            await using (var connection = new SqliteConnection(_harness.Database.ConnectionString))
            {
                await connection.OpenAsync();
                var names = new List<string>();
                await using (var list = connection.CreateCommand())
                {
                    list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                    await using var reader = await list.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        names.Add(reader.GetString(0));
                    }
                }

                foreach (var table in names)
                {
                    await using var select = connection.CreateCommand();
                    select.CommandText = $"SELECT * FROM \"{table}\"";
                    await using var reader = await select.ExecuteReaderAsync();
                    var rows = new List<string>();
                    while (await reader.ReadAsync())
                    {
                        var values = new object[reader.FieldCount];
                        reader.GetValues(values);
                        rows.Add(string.Join('\u001f', values.Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
                    }

                    rows.Sort(StringComparer.Ordinal);
                    tables[table] = new TableState(rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)))));
                }
            }

            var datasets = _harness.DatasetsDirectory;
            var files = Directory.Exists(datasets)
                ? Directory.EnumerateFileSystemEntries(datasets, "*", SearchOption.AllDirectories)
                    .Where(path => File.Exists(path) || Path.GetFileName(path).Contains(".staging-", StringComparison.Ordinal))
                    .Select(path => Path.GetRelativePath(datasets, path).Replace('\\', '/'))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            // The runs folder too (an import stages beside the run folders): prefixed so the two trees never mix.
            if (Directory.Exists(RunsDirectory))
            {
                files.AddRange(Directory.EnumerateFileSystemEntries(RunsDirectory, "*", SearchOption.AllDirectories)
                    .Select(path => "runs:" + Path.GetRelativePath(RunsDirectory, path).Replace('\\', '/'))
                    .Order(StringComparer.Ordinal));
            }

            return new Snapshot(tables, files);
        }

        public async ValueTask DisposeAsync()
        {
            _host.Dispose();
            _harness.Dispose();
            SqliteConnection.ClearAllPools();
            await Task.Yield();
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed record TableState(int Rows, string Sha256);

    private sealed record Snapshot(SortedDictionary<string, TableState> Tables, List<string> Files);
}
