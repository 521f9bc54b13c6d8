using System.IO.Compression;
using System.Text;

namespace Regurgitate.Engine.Tests.Data;

/// <summary>A fresh temporary folder for generated corpus files, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "regurgitate-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string WriteGzip(string name, string text) => Write(name, Gzip(Encoding.UTF8.GetBytes(text)));

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
