using System.Globalization;

namespace Regurgitate.Engine.Caching;

/// <summary>
/// The length and last write time of files, as one string: a cache keeps it beside what it read and reads again when
/// it differs, so an edited, regenerated or replaced file is never served from an old copy.
/// </summary>
public static class FileStamps
{
    public static string Of(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return string.Join('|', paths.Select(path =>
        {
            var file = new FileInfo(path);
            return file.Exists
                ? string.Create(CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}")
                : "missing";
        }));
    }
}
