using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Regurgitate.Workbench.Archives;

namespace Regurgitate.Workbench.Tests.Archives;

/// <summary>Damages and rewrites exported archives, so tests can show how the importer refuses each defect.</summary>
internal static class ArchiveTampering
{
    /// <summary>The good archive with one defect (a name of <see cref="ExperimentArchiveTests.BadArchives"/>); entries are rewritten in their original order.</summary>
    public static byte[] Damage(byte[] archive, string defect)
    {
        switch (defect)
        {
            case "truncated":
                return archive[..(archive.Length * 2 / 3)];
            case "empty":
                return [];
        }

        return Rewrite(archive, (manifest, entries) =>
        {
            void Replace(string name, byte[] data) => entries[entries.FindIndex(e => e.Name == name)] = (name, data);
            switch (defect)
            {
                case "checksum":
                    var hypothesis = entries.Single(e => e.Name == "runs/1/test.hyp.en").Data.ToArray();
                    hypothesis[0] ^= 0x20;
                    Replace("runs/1/test.hyp.en", hypothesis);
                    break;
                case "traversal":
                    entries.Insert(0, ("../../evil.txt", "boo"u8.ToArray()));
                    break;
                case "absolute":
                    entries.Insert(0, ("/etc/evil", "boo"u8.ToArray()));
                    break;
                case "version":
                    manifest["formatVersion"] = 99;
                    break;
                case "bomb":
                    entries.Insert(0, ("figures/zeros.csv", new byte[64 * 1024 * 1024]));
                    break;
                case "unlisted":
                    entries.Insert(0, ("figures/extra.csv", "a,b\n"u8.ToArray()));
                    break;
                case "missing":
                    entries.RemoveAll(e => e.Name == "runs/2/test.hyp.en");
                    break;
                case "config":
                    Relist(manifest, entries, "runs/1/config.json", "{ \"trainSize\": \"many\" }"u8.ToArray());
                    break;
                case "importing":
                    manifest["status"] = "Importing";
                    break;
                case "spec":
                    manifest["specJson"] = """{ "name": "", "sizes": [] }""";
                    break;
                case "metrics":
                    var csv = Encoding.UTF8.GetString(entries.Single(e => e.Name == "runs/2/metrics.csv").Data).Split('\n');
                    csv[2] = "x,train/loss,1,2026-01-01T00:00:00.0000000+00:00";
                    Relist(manifest, entries, "runs/2/metrics.csv", Encoding.UTF8.GetBytes(string.Join('\n', csv)));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
            }
        });
    }

    /// <summary>The archive with its manifest and entries changed by <paramref name="change"/> (entries may be replaced, added or removed).</summary>
    public static byte[] Rewrite(byte[] archive, Action<JsonNode, List<(string Name, byte[] Data)>> change)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries.Add((entry.FullName, buffer.ToArray()));
            }
        }

        var manifest = JsonNode.Parse(entries.Single(e => e.Name == ArchiveFormat.ManifestEntry).Data)!;
        change(manifest, entries);
        entries[entries.FindIndex(e => e.Name == ArchiveFormat.ManifestEntry)] = (ArchiveFormat.ManifestEntry, Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        using var result = new MemoryStream();
        using (var zip = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(data);
            }
        }

        return result.ToArray();
    }

    /// <summary>Replaces an entry and updates its length and checksum in the manifest, so only the content check can catch it.</summary>
    private static void Relist(JsonNode manifest, List<(string Name, byte[] Data)> entries, string name, byte[] data)
    {
        entries[entries.FindIndex(e => e.Name == name)] = (name, data);
        var listed = manifest["entries"]!.AsArray().Single(e => (string?)e!["name"] == name)!;
        listed["length"] = data.Length;
        listed["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
    }
}
