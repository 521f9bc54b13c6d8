using System.Diagnostics;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Tests.Storage;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regurgitate-atomic-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_write_replaces_the_content_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(directory, "nested", "config.json");
        AtomicFile.WriteAllText(path, "{\"old\":1}");
        AtomicFile.WriteAllText(path, "{\"new\":2}");

        Assert.Equal("{\"new\":2}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_writer_that_fails_half_way_leaves_the_previous_content_and_no_temporary_file()
    {
        var path = Path.Combine(directory, "state.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([9, 9]);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory));
    }

    [Fact]
    public void A_library_that_writes_its_own_path_gets_a_temporary_one_that_is_renamed_into_place()
    {
        var path = Path.Combine(directory, "model.pt");
        string? written = null;
        AtomicFile.WriteWith(path, temporary =>
        {
            written = temporary;
            File.WriteAllText(temporary, "weights");
        });

        Assert.Equal("weights", File.ReadAllText(path));
        Assert.NotEqual(path, written);
        Assert.False(File.Exists(written));
    }

    [Fact]
    public void Temporary_names_differ_per_write_and_carry_the_process_id()
    {
        var path = Path.Combine(directory, "a.json");
        var first = AtomicFile.TemporaryPathFor(path);
        var second = AtomicFile.TemporaryPathFor(path);

        Assert.NotEqual(first, second);
        Assert.StartsWith($"{path}.{Environment.ProcessId}-", first, StringComparison.Ordinal);
        Assert.EndsWith(".tmp", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asynchronous_write_commits_what_the_writer_wrote()
    {
        var path = Path.Combine(directory, "targets.jsonl");
        await AtomicFile.WriteAsync(path, async (stream, token) => await stream.WriteAsync("line\n"u8.ToArray(), token), CancellationToken.None);

        Assert.Equal("line\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(directory));
    }

    [Fact]
    public void Temporaries_of_processes_that_no_longer_run_are_deleted_and_live_ones_kept()
    {
        int exitedId;
        using (var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            exited.WaitForExit();
            exitedId = exited.Id;
        }

        var orphan = Path.Combine(directory, $"step-00000008.pt.{exitedId}-3.tmp");
        var mine = AtomicFile.TemporaryPathFor(Path.Combine(directory, "step-00000016.pt"));
        var unrelated = Path.Combine(directory, "notes.tmp");
        foreach (var file in new[] { orphan, mine, unrelated })
        {
            File.WriteAllText(file, "x");
        }

        AtomicFile.DeleteOrphans(directory);

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(unrelated));
    }
}
