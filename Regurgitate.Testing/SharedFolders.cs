namespace Regurgitate.Testing;

/// <summary>
/// Locates the read-only <c>shared/</c> folder (public corpora, metric reference vectors) that lies beside the
/// repository on developer machines and in CI. Searched upwards so that git worktrees and CI clones both find it.
/// Part of Regurgitate.Testing, which the test projects and the benchmarks reference.
/// </summary>
public static class SharedFolders
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;
    public static string Data => Path.Combine(Root, "data");
    public static string Eval => Path.Combine(Root, "eval");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "data", "MANIFEST.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared/data/MANIFEST.md found above {AppContext.BaseDirectory}; the tests need the shared corpora beside the repository.");
    }
}
