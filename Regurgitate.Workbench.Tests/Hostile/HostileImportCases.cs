using System.Text;
using Regurgitate.Workbench.Datasets;
using static Regurgitate.Workbench.Tests.Hostile.HostileInputs;

namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>Hostile corpus files, uploads and paths, driven through the dataset importer.</summary>
internal static class HostileImportCases
{
    public static readonly HostileCase[] All =
    [
        // ---- Corpus files through the dataset importer (uploads) ----
        new("corpus: invalid UTF-8 on line 2", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", [.. "Ja.\tYes.\nGr"u8, 0xC3, 0x28, .. "n.\tGreen.\n"u8]));
            AssertNames(error, "'pairs.tsv', line 2", "invalid UTF-8");
        }),
        new("corpus: UTF-16 LE with byte-order mark", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Ja.\tYes.\n")]));
            AssertNames(error, "'pairs.tsv', line 1", "UTF-16 LE", "must be UTF-8");
        }),
        new("corpus: UTF-16 without byte-order mark", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", Encoding.Unicode.GetBytes("Ja.\tYes.\n")));
            AssertNames(error, "'pairs.tsv', line 1", "UTF-16");
        }),
        new("corpus: UTF-8 byte-order mark is accepted and stripped", HostileOutcome.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("bom"), [Upload("x.de", [0xEF, 0xBB, 0xBF, .. "Hallo.\n"u8]), Upload("x.en", [0xEF, 0xBB, 0xBF, .. "Hello.\n"u8])], CancellationToken.None);
            Assert.Equal(1, result.Dataset.Pairs);
            Assert.Equal("Hallo.\n"u8.ToArray(), await File.ReadAllBytesAsync(b.ImportedFile("bom", ImportedDatasetInfo.SourceFile)));
            Assert.Equal("Hello.\n"u8.ToArray(), await File.ReadAllBytesAsync(b.ImportedFile("bom", ImportedDatasetInfo.TargetFile)));
        }),
        new("corpus: plain pair with mismatched line counts", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("x.de", "Eins.\nZwei.\nDrei.\n"u8.ToArray()), ("x.en", "One.\nTwo.\n"u8.ToArray()));
            AssertNames(error, "'x.en' has 2 lines but 'x.de' has 3 lines", "line 3");
        }),
        new("corpus: empty file", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("empty.tsv", []));
            AssertNames(error, "'empty.tsv'", "the file is empty");
        }),
        new("corpus: binary file with NUL bytes", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("blob.tsv", [.. "Ja.\tYes.\n"u8, 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0A]));
            AssertNames(error, "'blob.tsv', line 2", "NUL byte");
        }),
        new("corpus: one 5 MB line", HostileOutcome.Unchanged, async b =>
        {
            var line = new byte[5 << 20];
            Array.Fill(line, (byte)'a');
            line[100] = (byte)'\t';
            var error = await b.RefusedUploadAsync(("huge.tsv", [.. line, (byte)'\n']));
            AssertNames(error, "'huge.tsv', line 1", "longer than 1048576 bytes");
        }),
        new("corpus: CRLF line endings are accepted and normalised", HostileOutcome.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("crlf"), [Upload("pairs.tsv", "Ja.\tYes.\r\nNein.\tNo.\r\n"u8.ToArray())], CancellationToken.None);
            Assert.Equal(2, result.Dataset.Pairs);
            Assert.Equal("Ja.\nNein.\n", await File.ReadAllTextAsync(b.ImportedFile("crlf", ImportedDatasetInfo.SourceFile)));
            Assert.Equal("Yes.\nNo.\n", await File.ReadAllTextAsync(b.ImportedFile("crlf", ImportedDatasetInfo.TargetFile)));
        }),
        new("corpus: truncated gzip", HostileOutcome.Unchanged, async b =>
        {
            var whole = Gzip(string.Concat(Enumerable.Range(0, 2000).Select(i => $"Satz {i}.\tSentence {i}.\n")));
            var error = await b.RefusedUploadAsync(("pairs.tsv.gz", whole[..(whole.Length / 2)]));
            AssertNames(error, "'pairs.tsv.gz', line ", "gzip");
        }),
        new("corpus: TSV line with two tabs", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("pairs.tsv", "Ja.\tYes.\nNein.\tNo.\tNada.\n"u8.ToArray()));
            AssertNames(error, "'pairs.tsv', line 2", "expected exactly one tab", "found 2");
        }),
        new("corpus: JSONL with a non-string field", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("hf.jsonl", """
                {"translation": {"de": "Ja.", "en": "Yes."}}
                {"translation": {"de": "Zwei.", "en": 2}}

                """u8.ToArray()));
            AssertNames(error, "'hf.jsonl', line 2", "'en' must be a string");
        }),
        new("corpus: empty target side on one line", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("x.de", "Eins.\nZwei.\n"u8.ToArray()), ("x.en", "One.\n \n"u8.ToArray()));
            AssertNames(error, "'x.en', line 2", "empty line on the target (English) side");
        }),

        // ---- Uploads and paths ----
        new("upload: over the size limit", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("big.tsv", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Ja.\tYes.\n", 1000)))));
            AssertNames(error, "'big.tsv'", "larger than the import limit of 4 kB", nameof(DatasetCatalogOptions.MaxImportBytes));
        }, MaxImportBytes: 4096),
        new("upload: gzip bomb (tiny file, huge text)", HostileOutcome.Unchanged, async b =>
        {
            var bomb = GzipRepeated("Ja.\tYes.\n"u8.ToArray(), 64 << 20);
            Assert.True(bomb.Length < 1 << 20, $"bomb is {bomb.Length} bytes");
            var error = await b.RefusedUploadAsync(("bomb.tsv.gz", bomb));
            AssertNames(error, "grows beyond 1 MB", nameof(DatasetCatalogOptions.MaxImportedTextBytes), "stopped");
        }),
        new("upload: name with ../ is reduced to its file name", HostileOutcome.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("../../../escape"), [Upload("../../../../tmp/evil.tsv", "Ja.\tYes.\n"u8.ToArray())], CancellationToken.None);
            Assert.Equal("imported/escape", result.Dataset.Id);
            Assert.True(File.Exists(b.ImportedFile("escape", ImportedDatasetInfo.SourceFile)));
        }),
        new("upload: absolute name is reduced to its file name", HostileOutcome.OneDatasetAdded, async b =>
        {
            var result = await b.Importer.ImportUploadAsync(Request("/etc/cron.d"), [Upload("/etc/cron.d/evil.tsv", "Ja.\tYes.\n"u8.ToArray())], CancellationToken.None);
            Assert.Equal("imported/etc-cron.d", result.Dataset.Id);
            Assert.Contains("\"evil.tsv\"", await File.ReadAllTextAsync(b.ImportedFile("etc-cron.d", ImportedDatasetInfo.FileName)), StringComparison.Ordinal);
        }),
        new("path: data-directory import with ../", HostileOutcome.Unchanged, async b =>
        {
            var error = await Assert.ThrowsAsync<DatasetImportException>(() => b.Importer.ImportFromDataDirectoryAsync(Request("escape"), ["mine/../../outside.tsv"], CancellationToken.None));
            AssertNames(error, "'mine/../../outside.tsv'", "not inside the data directory");
        }),
        new("path: data-directory import with an absolute path", HostileOutcome.Unchanged, async b =>
        {
            var error = await Assert.ThrowsAsync<DatasetImportException>(() => b.Importer.ImportFromDataDirectoryAsync(Request("passwd"), ["/etc/passwd"], CancellationToken.None));
            AssertNames(error, "'/etc/passwd'", "not inside the data directory");
        }),
        new("upload: a dataset name that exists already", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedUploadAsync(("b.tsv", "Nein.\tNo.\n"u8.ToArray()), name: "Once");
            AssertNames(error, "'imported/once' already exists");
        }, Seed: b => b.Importer.ImportUploadAsync(Request("once"), [Upload("a.tsv", "Ja.\tYes.\n"u8.ToArray())], CancellationToken.None)),
    ];
}
