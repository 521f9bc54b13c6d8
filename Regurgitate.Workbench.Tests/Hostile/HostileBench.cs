using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Workbench;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.Datasets;
using static Regurgitate.Workbench.Tests.Hostile.HostileInputs;

namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>A migrated temp database, data and datasets folders, the importer, and the workbench's experiment service.</summary>
internal sealed class HostileBench : IAsyncDisposable
{
    /// <summary>The bench's archive limits: small, so hostile archives stay small; the checks are the same at any size.</summary>
    public const int ArchiveEntryCap = 200;
    public const long ArchiveUncompressedCap = 512 * 1024;

    private readonly string root;
    private readonly CatalogHarness harness;
    private readonly IHost host;

    private HostileBench(string root, CatalogHarness harness, IHost host)
    {
        this.root = root;
        this.harness = harness;
        this.host = host;
    }

    public DatasetImporter Importer => harness.Importer;

    public string DataDirectory => Path.Combine(root, "data");

    public IExperimentService Experiments => host.Services.GetRequiredService<IExperimentService>();

    private string RunsDirectory => Path.Combine(root, "App_Data", "runs");

    public static async Task<HostileBench> CreateAsync(long maxImportBytes)
    {
        var root = Directory.CreateTempSubdirectory("regurgitate-hostile-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "data"));
        var harness = await CatalogHarness.CreateAsync(
            Path.Combine(root, "data"),
            new DatasetCatalogOptions { MaxImportBytes = maxImportBytes, MaxImportedTextBytes = 1 << 20 },
            DatabaseProvider.Sqlite); // its snapshot reads SQLite's own table list
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
        return new HostileBench(root, harness, builder.Build());
    }

    public string ImportedFile(string slug, string file) => Path.Combine(harness.DatasetsDirectory, DatasetCatalogScanner.ImportedFolder, slug, file);

    public async Task<DatasetImportException> RefusedUploadAsync(params (string Name, byte[] Bytes)[] files) =>
        await RefusedUploadAsync(files, "hostile");

    public async Task<DatasetImportException> RefusedUploadAsync((string Name, byte[] Bytes) file, string name) =>
        await RefusedUploadAsync([file], name);

    private async Task<DatasetImportException> RefusedUploadAsync((string Name, byte[] Bytes)[] files, string name)
    {
        var error = await Assert.ThrowsAsync<DatasetImportException>(() =>
            Importer.ImportUploadAsync(Request(name), [.. files.Select(f => Upload(f.Name, f.Bytes))], CancellationToken.None));
        Assert.DoesNotContain(root, error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Imports the archive through the importer the upload page and the CLI use; the refusal must not reveal server paths.</summary>
    public async Task<ExperimentArchiveException> RefusedArchiveAsync(byte[] archive)
    {
        var importer = host.Services.GetRequiredService<IExperimentArchiveImporter>();
        await using var upload = new MemoryStream(archive, writable: false);
        var error = await Assert.ThrowsAsync<ExperimentArchiveException>(() => importer.ImportAsync(upload, "hostile.zip", null, CancellationToken.None));
        Assert.DoesNotContain(root, error.Message, StringComparison.Ordinal);
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
        var work = Path.Combine(root, "llm");
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
        await using (var connection = new SqliteConnection(harness.Database.ConnectionString))
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

        var datasets = harness.DatasetsDirectory;
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
        host.Dispose();
        harness.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>Row count and content hash of one table.</summary>
    public sealed record TableState(int Rows, string Sha256);

    /// <summary>Every table's state and every file (relative, '/'-separated) under the datasets and runs folders.</summary>
    public sealed record Snapshot(SortedDictionary<string, TableState> Tables, List<string> Files);
}
