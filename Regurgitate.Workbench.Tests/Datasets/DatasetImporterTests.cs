using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Datasets;

public sealed class DatasetImporterTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("regurgitate-import-data-").FullName;
    private CatalogHarness harness = default!;

    private string ImportedDirectory => Path.Combine(harness.DatasetsDirectory, "imported");

    public async Task InitializeAsync() => harness = await CatalogHarness.CreateAsync(data, new DatasetCatalogOptions { MaxImportBytes = 4096 });

    public Task DisposeAsync()
    {
        harness.Dispose();
        Directory.Delete(data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_gzip_plain_pair_in_the_data_directory_is_found_by_one_side_normalised_and_catalogued()
    {
        Write("mine/corpus.en.gz", Gzip("Hello.\r\nTwo <b>dogs</b>.\r\n"));
        Write("mine/corpus.de.gz", Gzip("Hallo.\r\nZwei <b>Hunde</b>.\r\n"));

        var result = await harness.Importer.ImportFromDataDirectoryAsync(
            new DatasetImportRequest { Name = "Meine Übersetzungen!", Licence = "CC-BY 4.0", Origin = "my lab" }, ["mine/corpus.en.gz"], CancellationToken.None);

        Assert.Equal("imported/meine-ubersetzungen", result.Dataset.Id);
        Assert.Equal(2, result.Dataset.Pairs);
        var folder = Path.Combine(ImportedDirectory, "meine-ubersetzungen");
        Assert.Equal("Hallo.\nZwei <b>Hunde</b>.\n", await File.ReadAllTextAsync(Path.Combine(folder, "source.de")));
        Assert.Equal("Hello.\nTwo <b>dogs</b>.\n", await File.ReadAllTextAsync(Path.Combine(folder, "target.en")));
        var record = await SingleRecordAsync();
        Assert.Equal((DatasetKind.Imported, "Meine Übersetzungen!", "CC-BY 4.0", true), (record.Kind, record.Name, record.Licence, record.Available));
        Assert.Contains("mine/corpus.de.gz, mine/corpus.en.gz", record.Origin, StringComparison.Ordinal);
        Assert.Contains("my lab", record.Origin, StringComparison.Ordinal);

        // A later full scan finds the import on disk and keeps it.
        await harness.Catalog.ScanAsync(CancellationToken.None);
        await using var context = await harness.Database.Factory.CreateDbContextAsync();
        Assert.True((await context.Datasets.SingleAsync(d => d.Id == "imported/meine-ubersetzungen")).Available);
    }

    [Fact]
    public async Task Uploaded_tsv_and_jsonl_files_are_imported()
    {
        var tsv = await harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "tsv set" }, [Upload("pairs.tsv", "Ja.\tYes.\nNein.\tNo.\n")], CancellationToken.None);
        var jsonl = await harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "hf set" },
            [new ImportUpload("hf.jsonl.gz", new MemoryStream(Gzip("{\"translation\": {\"de\": \"Zeile\\neins\", \"en\": \"Line one\"}}\n")))],
            CancellationToken.None);

        Assert.Equal(2, tsv.Dataset.Pairs);
        Assert.Equal(1, jsonl.Dataset.Pairs);
        Assert.Contains("line breaks inside segments replaced by spaces: 1", jsonl.Report, StringComparison.Ordinal);
        Assert.Equal("Zeile eins\n", await File.ReadAllTextAsync(Path.Combine(ImportedDirectory, "hf-set", "source.de")));
        Assert.Equal(["hf-set", "tsv-set"], Directory.GetDirectories(ImportedDirectory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_bad_line_is_named_with_the_uploaded_file_name_and_nothing_is_written()
    {
        var error = await Assert.ThrowsAsync<DatasetImportException>(() => harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "bad" }, [Upload("pairs.tsv", "Ja.\tYes.\nNein. No.\nGut.\tGood.\n")], CancellationToken.None));

        Assert.StartsWith("'pairs.tsv', line 2: expected exactly one tab", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.DatasetsDirectory, error.Message, StringComparison.Ordinal);
        await AssertNothingImportedAsync();
    }

    [Fact]
    public async Task A_plain_pair_with_different_line_counts_is_refused_naming_both_files()
    {
        var error = await Assert.ThrowsAsync<DatasetImportException>(() => harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "pair" }, [Upload("x.en", "One.\nTwo.\n"), Upload("x.de", "Eins.\n")], CancellationToken.None));

        Assert.Contains("'x.de' has 1 lines but 'x.en' has 2 lines", error.Message, StringComparison.Ordinal);
        await AssertNothingImportedAsync();
    }

    [Theory]
    [InlineData("../outside.tsv")]
    [InlineData("/etc/passwd")]
    [InlineData("mine/../../outside.tsv")]
    public async Task Paths_outside_the_data_directory_are_refused(string path)
    {

        var error = await Assert.ThrowsAsync<DatasetImportException>(() => harness.Importer.ImportFromDataDirectoryAsync(
            new DatasetImportRequest { Name = "escape" }, [path], CancellationToken.None));

        Assert.Contains("not inside the data directory", error.Message, StringComparison.Ordinal);
        await AssertNothingImportedAsync();
    }

    [Fact]
    public async Task Upload_names_and_dataset_names_cannot_traverse_out_of_the_datasets_folder()
    {
        var result = await harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "../../../etc/evil" }, [Upload("../../../../tmp/evil.tsv", "Ja.\tYes.\n")], CancellationToken.None);

        Assert.Equal("imported/etc-evil", result.Dataset.Id);
        Assert.True(File.Exists(Path.Combine(ImportedDirectory, "etc-evil", "source.de")));
        Assert.Equal("evil.tsv", SafeNames.FileName("..\\..\\evil.tsv"));
        Assert.Equal("upload", SafeNames.FileName(".."));
        Assert.Equal(string.Empty, SafeNames.Slug("../.."));
    }

    [Fact]
    public async Task Uploads_over_the_size_limit_and_duplicate_names_are_refused()
    {
        var big = string.Concat(Enumerable.Repeat("Ja.\tYes.\n", 1000));
        var error = await Assert.ThrowsAsync<DatasetImportException>(() => harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "big" }, [Upload("big.tsv", big)], CancellationToken.None));
        Assert.Contains("larger than the import limit of 4 kB", error.Message, StringComparison.Ordinal);

        await harness.Importer.ImportUploadAsync(new DatasetImportRequest { Name = "once" }, [Upload("a.tsv", "Ja.\tYes.\n")], CancellationToken.None);
        var again = await Assert.ThrowsAsync<DatasetImportException>(() => harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "Once" }, [Upload("b.tsv", "Ja.\tYes.\n")], CancellationToken.None));
        Assert.Contains("'imported/once' already exists", again.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<DatasetImportException>(() => harness.Importer.ImportUploadAsync(
            new DatasetImportRequest { Name = "txt" }, [Upload("notes.txt", "Ja.\tYes.\n")], CancellationToken.None));
        Assert.Contains("not recognised", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(["once"], Directory.GetDirectories(ImportedDirectory).Select(Path.GetFileName));
    }

    private async Task AssertNothingImportedAsync()
    {
        await using var context = await harness.Database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await context.Datasets.CountAsync());
        Assert.True(!Directory.Exists(ImportedDirectory) || Directory.GetFileSystemEntries(ImportedDirectory).Length == 0);
    }

    private async Task<DatasetRecord> SingleRecordAsync()
    {
        await using var context = await harness.Database.Factory.CreateDbContextAsync();
        return await context.Datasets.AsNoTracking().SingleAsync();
    }

    private void Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(data, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static ImportUpload Upload(string name, string text) => new(name, new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
