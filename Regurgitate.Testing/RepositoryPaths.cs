namespace Regurgitate.Testing;

/// <summary>Finds the solution and the web app by walking up from the test assembly, as in worktrees and CI clones.</summary>
public static class RepositoryPaths
{
    public static string SolutionRoot => FindUpwards(dir => File.Exists(Path.Combine(dir, "Regurgitate.sln")), "Regurgitate.sln");

    public static string WebProject => Path.Combine(SolutionRoot, "Regurgitate.Web");

    /// <summary>The web app built beside this test assembly: same configuration, target framework and runtime folder.</summary>
    public static string WebAssembly
    {
        get
        {
            var testProject = Path.Combine(SolutionRoot, "Regurgitate.Web.Tests");
            var outputSuffix = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
            var path = Path.Combine(WebProject, outputSuffix, "Regurgitate.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The web app is not built where expected: {path}");
        }
    }

    private static string FindUpwards(Func<string, bool> matches, string what)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (matches(dir.FullName))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No {what} above {AppContext.BaseDirectory}.");
    }
}
