namespace Regurgitate.Benchmarks;

/// <summary>Finds the shared folder (corpora, reference scripts) beside the repository.</summary>
internal static class BenchmarkPaths
{
    public static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "data", "MANIFEST.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No shared/data/MANIFEST.md above " + AppContext.BaseDirectory + "; pass --data DIR.");
    }

    public static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
